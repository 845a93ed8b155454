package io.berth.console.internal;

import io.berth.api.health.PlatformHealth;
import io.berth.api.job.JobStatus;
import io.berth.api.job.JobStore;
import io.berth.api.provider.ProviderHealth;

import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code berth:status}: the database, the registered providers with their health, the jobs. */
@Component(service = StatusCommand.class,
        property = {"osgi.command.scope=berth", "osgi.command.function=status"})
public final class StatusCommand {

    private volatile PlatformHealth platform;
    private volatile JobStore jobs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPlatform(PlatformHealth platform) {
        this.platform = platform;
    }

    void unsetPlatform(PlatformHealth platform) {
        if (this.platform == platform) {
            this.platform = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setJobs(JobStore store) {
        this.jobs = store;
    }

    void unsetJobs(JobStore store) {
        if (this.jobs == store) {
            this.jobs = null;
        }
    }

    @Descriptor("shows the database, the providers with their health, and the jobs by status")
    public String status() {
        StringBuilder out = new StringBuilder();
        PlatformHealth health = platform;
        ProviderHealth db = health == null ? ProviderHealth.down("core is not running") : health.database();
        out.append("database: ").append(line(db)).append('\n');
        Map<String, ProviderHealth> providers = health == null ? Map.of() : health.providers();
        out.append("providers:").append(providers.isEmpty() ? " none registered" : "").append('\n');
        providers.forEach((name, h) -> out.append("  ").append(name).append(' ').append(line(h)).append('\n'));
        JobStore store = jobs;
        out.append("jobs:");
        if (store == null) {
            out.append(" unknown (job store not available)\n");
        } else {
            Map<JobStatus, Long> counts = store.counts();
            for (JobStatus s : JobStatus.values()) {
                out.append(' ').append(s.wireName()).append('=').append(counts.getOrDefault(s, 0L));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String line(ProviderHealth health) {
        return (health.up() ? "UP" : "DOWN") + " (" + health.detail() + ")";
    }
}
