package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.core.internal.db.Jooq;
import io.berth.core.internal.job.JdbcJobStore;

import com.zaxxer.hikari.HikariDataSource;

import java.time.Clock;
import java.util.Map;

/** One Berth runtime's scheduler against the shared test database: its own pool, store, lifecycle and engine. */
final class Node implements AutoCloseable {

    final String name;
    final HikariDataSource pool;
    final KillableDataSource ds;
    final JdbcJobStore store;
    final CountingLifecycle lifecycle;
    final HypervisorRegistry registry = new HypervisorRegistry();
    final JobEngine engine;
    private boolean stopped;

    Node(String name, String url, Settings settings) {
        this.name = name;
        this.pool = TestDatabase.pool(url, settings.threads() + 4);
        this.ds = new KillableDataSource(pool);
        this.store = new JdbcJobStore(Jooq.create(ds));
        this.lifecycle = new CountingLifecycle(ds);
        this.engine = new JobEngine(ds, store, lifecycle, registry, settings.withNodeName(name), Clock.systemUTC());
    }

    Node register(Hypervisor hv) {
        registry.bind(hv, Map.of(Hypervisor.ID, hv.id(), "service.id", 1L));
        return this;
    }

    Node unregister(Hypervisor hv) {
        registry.unbind(hv, Map.of(Hypervisor.ID, hv.id(), "service.id", 1L));
        return this;
    }

    Node start() {
        engine.start();
        return this;
    }

    /** The node dies: its database connection goes first, then its threads. */
    void kill() {
        ds.kill();
        close();
    }

    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            engine.stop();
            pool.close();
        }
    }
}
