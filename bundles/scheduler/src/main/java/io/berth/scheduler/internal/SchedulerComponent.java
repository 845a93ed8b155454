package io.berth.scheduler.internal;

import io.berth.api.job.JobStore;
import io.berth.api.server.ServerLifecycle;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.RequireMetaTypeExtender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this node's {@link JobEngine} while the database, core's job store and server lifecycle are
 * there. Hypervisors come and go through the {@link HypervisorRegistry} without restarting it. A
 * configuration change restarts the engine; jobs it was running resume where they were.
 */
@Component(service = {}, configurationPid = SchedulerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SchedulerConfig.class)
@RequireMetaTypeExtender
public final class SchedulerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerComponent.class);

    /**
     * The engine of this runtime. When a dependency changes while SCR is still activating this
     * component on another thread (core registers its services on its own thread while ConfigAdmin
     * delivers etc/ files), SCR can drop the instance being built without deactivating it; its engine
     * would then keep picking jobs with a dead hypervisor registry, and they would wait for a
     * hypervisor that never comes back. One engine per runtime is the invariant, so the next
     * activation stops such a leftover.
     */
    private static final AtomicReference<JobEngine> CURRENT = new AtomicReference<>();

    private final JobEngine engine;

    @Activate
    public SchedulerComponent(SchedulerConfig config,
            @Reference(target = "(berth.datasource=main)") DataSource dataSource,
            @Reference JobStore store,
            @Reference ServerLifecycle lifecycle,
            @Reference Hypervisors hypervisors) {
        this.engine = new JobEngine(dataSource, store, lifecycle, hypervisors, Settings.from(config),
                Clock.systemUTC());
        JobEngine leftover = CURRENT.getAndSet(engine);
        if (leftover != null) {
            LOG.warn("stopping a job engine left running by an earlier activation of this component");
            leftover.stop();
        }
        engine.start();
    }

    boolean running() {
        return engine.running();
    }

    @Deactivate
    void deactivate() {
        CURRENT.compareAndSet(engine, null);
        engine.stop();
    }
}
