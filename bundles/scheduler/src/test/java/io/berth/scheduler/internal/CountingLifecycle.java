package io.berth.scheduler.internal;

import io.berth.api.server.ServerLifecycle;
import io.berth.api.server.ServerStatus;
import io.berth.api.server.ServerTarget;
import io.berth.core.internal.db.Jooq;
import io.berth.core.internal.server.AddressPool;
import io.berth.core.internal.server.PoolConfig;
import io.berth.core.internal.server.ServerLifecycleService;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jooq.DSLContext;

/** Core's real ServerLifecycle (state machine included), counting what each node reported. */
final class CountingLifecycle implements ServerLifecycle {

    private final ServerLifecycle delegate;
    final Map<UUID, AtomicInteger> settledCalls = new ConcurrentHashMap<>();

    CountingLifecycle(DataSource ds) {
        DSLContext db = Jooq.create(ds);
        try {
            this.delegate = new ServerLifecycleService(db, new AddressPool(db, new Pool()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ServerTarget target(UUID serverId) {
        return delegate.target(serverId);
    }

    @Override
    public void placed(UUID serverId, String node, String vmId) {
        delegate.placed(serverId, node, vmId);
    }

    @Override
    public void progress(UUID serverId, String detail) {
        delegate.progress(serverId, detail);
    }

    @Override
    public void settled(UUID serverId, ServerStatus status, String detail) {
        settledCalls.computeIfAbsent(serverId, k -> new AtomicInteger()).incrementAndGet();
        delegate.settled(serverId, status, detail);
    }

    @Override
    public List<ServerTarget> placedOn(String hypervisorId) {
        return delegate.placedOn(hypervisorId);
    }

    /** The address pool's default configuration. */
    private static final class Pool implements PoolConfig {

        @Override
        public Class<? extends Annotation> annotationType() {
            return PoolConfig.class;
        }

        @Override
        public String name() {
            return "default";
        }

        @Override
        public String first() {
            return "10.10.0.10";
        }

        @Override
        public String last() {
            return "10.10.255.250";
        }

        @Override
        public int prefix_length() {
            return 16;
        }

        @Override
        public String gateway() {
            return "10.10.0.1";
        }

        @Override
        public String nameservers() {
            return "1.1.1.1";
        }
    }
}
