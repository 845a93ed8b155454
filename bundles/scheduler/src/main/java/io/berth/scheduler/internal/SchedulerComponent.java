package io.berth.scheduler.internal;

import io.berth.api.job.JobStore;
import io.berth.api.server.ServerLifecycle;

import java.time.Clock;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.RequireMetaTypeExtender;

/**
 * Runs this node's {@link JobEngine} while the database, core's job store and server lifecycle are
 * there. Hypervisors come and go through the {@link HypervisorRegistry} without restarting it. A
 * configuration change restarts the engine; jobs it was running resume where they were.
 */
@Component(service = {}, configurationPid = SchedulerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SchedulerConfig.class)
@RequireMetaTypeExtender
public final class SchedulerComponent {

    private final JobEngine engine;

    @Activate
    public SchedulerComponent(SchedulerConfig config,
            @Reference(target = "(berth.datasource=main)") DataSource dataSource,
            @Reference JobStore store,
            @Reference ServerLifecycle lifecycle,
            @Reference Hypervisors hypervisors) {
        this.engine = new JobEngine(dataSource, store, lifecycle, hypervisors, Settings.from(config),
                Clock.systemUTC());
        engine.start();
    }

    @Deactivate
    void deactivate() {
        engine.stop();
    }
}
