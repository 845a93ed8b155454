package io.berth.core.internal.server;

import static io.berth.core.internal.db.schema.Tables.IMAGES;
import static io.berth.core.internal.db.schema.Tables.IP_ALLOCATIONS;
import static io.berth.core.internal.db.schema.Tables.IP_POOLS;
import static io.berth.core.internal.db.schema.Tables.SERVERS;

import io.berth.api.domain.NotFoundException;
import io.berth.api.server.ServerLifecycle;
import io.berth.api.server.ServerStatus;
import io.berth.api.server.ServerTarget;
import io.berth.core.internal.db.FieldPositions;
import io.berth.core.internal.db.RenderedQuery;
import io.berth.core.internal.db.RenderedStatement;
import io.berth.core.internal.db.schema.tables.records.ServersRecord;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the workflows learn about servers, written back through the same state machine. */
@Component(service = ServerLifecycle.class)
public final class ServerLifecycleService implements ServerLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLifecycleService.class);
    /** What a target needs of its image and address pool, after the server's columns. */
    private static final Field<?>[] TARGET_EXTRAS = {IMAGES.TEMPLATE_REF, IMAGES.LINKED_CLONE, IP_POOLS.PREFIX_LENGTH,
        IP_POOLS.GATEWAY, IP_POOLS.NAMESERVERS};
    private static final FieldPositions TARGET_COLUMNS = new FieldPositions(SERVERS.fields(), TARGET_EXTRAS);

    private final DSLContext db;
    private final AddressPool pool;
    /** {@link #target(UUID)}'s query, rendered once: it runs on every look of every job. */
    private final RenderedQuery targetById;
    /** The writes every job makes at each step, rendered once too. */
    private final RenderedStatement placed;
    private final RenderedStatement progress;

    @Activate
    public ServerLifecycleService(@Reference(target = "(berth.datasource=main)") DSLContext db,
            @Reference AddressPool pool) {
        this.db = db;
        this.pool = pool;
        this.targetById = new RenderedQuery(db,
                targets().where(SERVERS.ID.eq(DSL.param("id", SERVERS.ID.getDataType()))));
        this.placed = new RenderedStatement(db, db.update(SERVERS)
                .set(SERVERS.NODE, DSL.param("node", SERVERS.NODE.getDataType()))
                .set(SERVERS.VM_ID, DSL.param("vm_id", SERVERS.VM_ID.getDataType()))
                .set(SERVERS.UPDATED_AT, DSL.currentInstant())
                .where(SERVERS.ID.eq(DSL.param("id", SERVERS.ID.getDataType()))));
        this.progress = new RenderedStatement(db, db.update(SERVERS)
                .set(SERVERS.STATUS_DETAIL, DSL.param("detail", SERVERS.STATUS_DETAIL.getDataType()))
                .set(SERVERS.UPDATED_AT, DSL.currentInstant())
                .where(SERVERS.ID.eq(DSL.param("id", SERVERS.ID.getDataType()))));
    }

    @Override
    public ServerTarget target(UUID serverId) {
        Record r = targetById.fetchOne(db, serverId);
        if (r == null) {
            throw new NotFoundException("no server " + serverId);
        }
        return target(r);
    }

    private static ServerTarget target(Record r) {
        FieldPositions c = TARGET_COLUMNS;
        String keys = c.get(r, SERVERS.SSH_KEYS);
        Integer prefix = c.get(r, IP_POOLS.PREFIX_LENGTH);
        String nameservers = c.get(r, IP_POOLS.NAMESERVERS);
        return new ServerTarget(c.get(r, SERVERS.ID), c.get(r, SERVERS.NAME),
                ServerStatus.fromWireName(c.get(r, SERVERS.STATUS)), c.get(r, SERVERS.HYPERVISOR_ID),
                c.get(r, IMAGES.TEMPLATE_REF), Boolean.TRUE.equals(c.get(r, IMAGES.LINKED_CLONE)),
                c.get(r, SERVERS.CPU_CORES), c.get(r, SERVERS.MEMORY_MB), c.get(r, SERVERS.DISK_GB),
                keys == null ? List.of() : Arrays.asList(keys.split("\n")), c.get(r, SERVERS.IP_ADDRESS),
                prefix == null ? 32 : prefix, c.get(r, IP_POOLS.GATEWAY),
                nameservers == null ? List.of()
                        : Arrays.stream(nameservers.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList(),
                c.get(r, SERVERS.NODE), c.get(r, SERVERS.VM_ID));
    }

    @Override
    public void placed(UUID serverId, String node, String vmId) {
        placed.execute(db, node, vmId, serverId);
    }

    @Override
    public void progress(UUID serverId, String detail) {
        progress.execute(db, detail, serverId);
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
        return targets().where(SERVERS.HYPERVISOR_ID.eq(hypervisorId).and(SERVERS.VM_ID.isNotNull())
                        .and(SERVERS.STATUS.ne(ServerStatus.TERMINATED.wireName())))
                .fetch(ServerLifecycleService::target);
    }

    /**
     * Servers with what a target needs of their image and address pool, in one query: every step of
     * every job asks for its server's target, often several times a second.
     */
    private SelectOnConditionStep<Record> targets() {
        return db.select(SERVERS.fields()).select(TARGET_EXTRAS).from(SERVERS)
                .leftJoin(IMAGES).on(IMAGES.ID.eq(SERVERS.IMAGE_ID))
                .leftJoin(IP_ALLOCATIONS).on(IP_ALLOCATIONS.SERVER_ID.eq(SERVERS.ID))
                .leftJoin(IP_POOLS).on(IP_POOLS.ID.eq(IP_ALLOCATIONS.POOL_ID));
    }
}
