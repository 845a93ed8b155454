package io.berth.console.internal;

import io.berth.api.dns.DnsProvider;
import io.berth.api.exposure.ExposureProvider;
import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.job.JobStatus;
import io.berth.api.job.JobStore;
import io.berth.api.provider.Provider;
import io.berth.api.provider.ProviderHealth;
import io.berth.api.vpn.VpnGateway;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import javax.sql.DataSource;

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

    private volatile DataSource database;
    private volatile JobStore jobs;
    private final Map<String, Provider> providers = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(berth.datasource=main)")
    void setDatabase(DataSource ds) {
        this.database = ds;
    }

    void unsetDatabase(DataSource ds) {
        if (this.database == ds) {
            this.database = null;
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHypervisor(Hypervisor p, Map<String, Object> props) {
        providers.put("hypervisor:" + props.get(Hypervisor.ID), p);
    }

    void removeHypervisor(Hypervisor p, Map<String, Object> props) {
        providers.remove("hypervisor:" + props.get(Hypervisor.ID), p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addVpnGateway(VpnGateway p, Map<String, Object> props) {
        providers.put("vpn:" + props.get(VpnGateway.ID), p);
    }

    void removeVpnGateway(VpnGateway p, Map<String, Object> props) {
        providers.remove("vpn:" + props.get(VpnGateway.ID), p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDnsProvider(DnsProvider p, Map<String, Object> props) {
        providers.put("dns:" + props.get(DnsProvider.ID), p);
    }

    void removeDnsProvider(DnsProvider p, Map<String, Object> props) {
        providers.remove("dns:" + props.get(DnsProvider.ID), p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addExposureProvider(ExposureProvider p, Map<String, Object> props) {
        providers.put("exposure:" + props.get(ExposureProvider.ID), p);
    }

    void removeExposureProvider(ExposureProvider p, Map<String, Object> props) {
        providers.remove("exposure:" + props.get(ExposureProvider.ID), p);
    }

    @Descriptor("shows the database, the providers with their health, and the jobs by status")
    public String status() {
        StringBuilder out = new StringBuilder();
        out.append("database: ").append(database(database)).append('\n');
        out.append("providers:");
        if (providers.isEmpty()) {
            out.append(" none registered");
        }
        out.append('\n');
        providers.forEach((name, provider) -> {
            ProviderHealth health;
            try {
                health = provider.health();
            } catch (RuntimeException e) {
                health = ProviderHealth.down(e.getMessage());
            }
            out.append("  ").append(name).append(' ').append(health.up() ? "UP" : "DOWN").append(" - ")
                    .append(health.detail()).append('\n');
        });
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

    static String database(DataSource ds) {
        if (ds == null) {
            return "DOWN (not available: not configured, unreachable or migration failed)";
        }
        try (Connection c = ds.getConnection()) {
            String url = c.getMetaData().getURL();
            int query = url.indexOf('?');
            return c.isValid(2) ? "UP (" + (query < 0 ? url : url.substring(0, query)) + ", "
                    + c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion() + ")"
                    : "DOWN (connection not valid)";
        } catch (Exception e) {
            return "DOWN (" + e.getMessage() + ")";
        }
    }
}
