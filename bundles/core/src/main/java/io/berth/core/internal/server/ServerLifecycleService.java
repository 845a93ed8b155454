package io.berth.core.internal.server;

import static io.berth.core.internal.db.schema.Tables.IMAGES;
import static io.berth.core.internal.db.schema.Tables.SERVERS;

import io.berth.api.domain.NotFoundException;
import io.berth.api.server.ServerLifecycle;
import io.berth.api.server.ServerStatus;
import io.berth.api.server.ServerTarget;
import io.berth.core.internal.db.schema.tables.records.IpPoolsRecord;
import io.berth.core.internal.db.schema.tables.records.ServersRecord;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the workflows learn about servers, written back through the same state machine. */
@Component(service = ServerLifecycle.class)
public final class ServerLifecycleService implements ServerLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLifecycleService.class);

    private final DSLContext db;
    private final AddressPool pool;

    @Activate
    public ServerLifecycleService(@Reference(target = "(berth.datasource=main)") DSLContext db,
            @Reference AddressPool pool) {
        this.db = db;
        this.pool = pool;
    }

    @Override
    public ServerTarget target(UUID serverId) {
        Record r = db.select(SERVERS.fields()).select(IMAGES.TEMPLATE_REF, IMAGES.LINKED_CLONE).from(SERVERS)
                .leftJoin(IMAGES).on(IMAGES.ID.eq(SERVERS.IMAGE_ID)).where(SERVERS.ID.eq(serverId)).fetchOne();
        if (r == null) {
            throw new NotFoundException("no server " + serverId);
        }
        return target(r, pool.poolOf(db, serverId));
    }

    private static ServerTarget target(Record r, IpPoolsRecord pool) {
        String keys = r.get(SERVERS.SSH_KEYS);
        return new ServerTarget(r.get(SERVERS.ID), r.get(SERVERS.NAME), ServerStatus.fromWireName(r.get(SERVERS.STATUS)),
                r.get(SERVERS.HYPERVISOR_ID), r.get(IMAGES.TEMPLATE_REF), Boolean.TRUE.equals(r.get(IMAGES.LINKED_CLONE)),
                r.get(SERVERS.CPU_CORES), r.get(SERVERS.MEMORY_MB), r.get(SERVERS.DISK_GB),
                keys == null ? List.of() : Arrays.asList(keys.split("\n")), r.get(SERVERS.IP_ADDRESS),
                pool == null ? 32 : pool.getPrefixLength(), pool == null ? null : pool.getGateway(),
                pool == null || pool.getNameservers() == null ? List.of()
                        : Arrays.stream(pool.getNameservers().trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList(),
                r.get(SERVERS.NODE), r.get(SERVERS.VM_ID));
    }

    @Override
    public void placed(UUID serverId, String node, String vmId) {
        db.update(SERVERS).set(SERVERS.NODE, node).set(SERVERS.VM_ID, vmId).set(SERVERS.UPDATED_AT, Instant.now())
                .where(SERVERS.ID.eq(serverId)).execute();
    }

    @Override
    public void progress(UUID serverId, String detail) {
        db.update(SERVERS).set(SERVERS.STATUS_DETAIL, detail).set(SERVERS.UPDATED_AT, Instant.now())
                .where(SERVERS.ID.eq(serverId)).execute();
    }

    @Override
    public void settled(UUID serverId, ServerStatus status, String detail) {
        db.transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            ServersRecord row = tx.selectFrom(SERVERS).where(SERVERS.ID.eq(serverId)).forUpdate().fetchOne();
            if (row == null) {
                throw new NotFoundException("no server " + serverId);
            }
            ServerStatus current = ServerStatus.fromWireName(row.getStatus());
            if (!ServerStateMachine.canSettle(current, status)) {
                LOG.warn("ignored settle server={} from={} to={} (not an allowed transition)", serverId,
                        current.wireName(), status.wireName());
                return;
            }
            row.setStatus(status.wireName());
            row.setStatusDetail(detail);
            row.setUpdatedAt(Instant.now());
            if (status == ServerStatus.TERMINATED) {
                row.setTerminatedAt(Instant.now());
                pool.release(tx, serverId);
            }
            row.store();
        });
    }

    @Override
    public List<ServerTarget> placedOn(String hypervisorId) {
        return db.select(SERVERS.fields()).select(IMAGES.TEMPLATE_REF, IMAGES.LINKED_CLONE).from(SERVERS)
                .leftJoin(IMAGES).on(IMAGES.ID.eq(SERVERS.IMAGE_ID))
                .where(SERVERS.HYPERVISOR_ID.eq(hypervisorId).and(SERVERS.VM_ID.isNotNull())
                        .and(SERVERS.STATUS.ne(ServerStatus.TERMINATED.wireName())))
                .fetch(r -> target(r, null));
    }
}
