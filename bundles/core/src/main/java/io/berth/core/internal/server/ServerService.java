package io.berth.core.internal.server;

import static io.berth.core.internal.db.schema.Tables.IDEMPOTENCY_KEYS;
import static io.berth.core.internal.db.schema.Tables.SERVERS;
import static io.berth.core.internal.db.schema.Tables.USERS;

import io.berth.api.catalog.Catalog;
import io.berth.api.domain.Caller;
import io.berth.api.domain.ConflictException;
import io.berth.api.domain.ForbiddenException;
import io.berth.api.domain.NotFoundException;
import io.berth.api.domain.Page;
import io.berth.api.domain.ValidationException;
import io.berth.api.hypervisor.PowerAction;
import io.berth.api.job.JobKind;
import io.berth.api.server.CreateServer;
import io.berth.api.server.Created;
import io.berth.api.server.Server;
import io.berth.api.server.ServerStatus;
import io.berth.api.server.Servers;
import io.berth.core.internal.audit.AuditLog;
import io.berth.core.internal.db.schema.tables.records.IdempotencyKeysRecord;
import io.berth.core.internal.db.schema.tables.records.ServersRecord;
import io.berth.core.internal.db.schema.tables.records.UsersRecord;
import io.berth.core.internal.job.JobQueue;
import io.berth.core.internal.server.OrderQueue.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers as users and admins act on them. Ownership, quotas and the state machine are enforced
 * here; every change is one transaction with its audit record and the job that carries it out.
 */
@Component(service = Servers.class)
public final class ServerService implements Servers {

    static final int MAX_IDEMPOTENCY_KEY = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ServerService.class);

    /** The most orders of one account written in one transaction. */
    private static final int MAX_BATCH = 100;

    /** How long an order waits behind the same account's earlier orders on this node. */
    private static final Duration ORDER_PATIENCE = Duration.ofSeconds(30);

    private final DSLContext db;
    private final Catalog catalog;
    private final AddressPool pool;
    private final ServerPages pages;
    private final OrderQueue orders = new OrderQueue(256, MAX_BATCH, ORDER_PATIENCE, this::write);

    @Activate
    public ServerService(@Reference(target = "(berth.datasource=main)") DSLContext db, @Reference Catalog catalog,
            @Reference AddressPool pool, @Reference ServerPages pages) {
        this.db = db;
        this.catalog = catalog;
        this.pool = pool;
        this.pages = pages;
    }

    @Override
    public Page<Server> list(Caller caller, ServerStatus status, String cursor, int limit) {
        if (status == null && cursor == null) {
            // the dashboard's poll: kept in memory, the query only built when it is not
            return pages.firstPage(caller.accountId(), limit, () -> ServerRows.page(db, ownedBy(caller, null), null, limit));
        }
        return ServerRows.page(db, ownedBy(caller, status), cursor, limit);
    }

    @Override
    public Page<Server> listAll(Caller caller, ServerStatus status, String cursor, int limit) {
        requireAdmin(caller);
        return ServerRows.page(db, status == null ? DSL.noCondition() : SERVERS.STATUS.eq(status.wireName()), cursor, limit);
    }

    private static Condition ownedBy(Caller caller, ServerStatus status) {
        return SERVERS.OWNER_ID.eq(caller.accountId()).and(statusFilter(status));
    }

    private static Condition statusFilter(ServerStatus status) {
        // terminated servers stay readable by id, but lists show them only when asked for
        return status == null ? SERVERS.STATUS.ne(ServerStatus.TERMINATED.wireName())
                : SERVERS.STATUS.eq(status.wireName());
    }

    @Override
    public Server get(Caller caller, UUID id) {
        Server server = ServerRows.one(db, SERVERS.ID.eq(id).and(visibleTo(caller)));
        if (server == null) {
            throw notFound(id);
        }
        return server;
    }

    @Override
    public Created create(Caller caller, CreateServer request, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ValidationException.of("Idempotency-Key", "must be 1-" + MAX_IDEMPOTENCY_KEY + " characters");
        }
        ServerRequests.Checked checked = ServerRequests.check(request, catalog);
        Created created = orders.submit(new ServerOrder(caller, request, checked, idempotencyKey));
        pages.changed(caller.accountId());
        return created;
    }

    /**
     * Writes orders of one account that waited together: several in one transaction, one alone (also
     * when the batch failed, so that an order only fails for its own reasons).
     */
    List<Outcome> write(UUID account, List<ServerOrder> batch) {
        if (batch.size() > 1) {
            try {
                return db.transactionResult(cfg -> OrderBatch.write(cfg.dsl(), pool, account, batch));
            } catch (RuntimeException e) {
                LOG.debug("orders written one by one after their batch failed account={} orders={} reason={}",
                        account, batch.size(), rootMessage(e));
            }
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (ServerOrder order : batch) {
            try {
                outcomes.add(Outcome.made(createAlone(order)));
            } catch (RuntimeException refused) {
                outcomes.add(Outcome.refused(refused));
            }
        }
        return outcomes;
    }

    private Created createAlone(ServerOrder order) {
        try {
            return db.transactionResult(cfg -> create(cfg.dsl(), order));
        } catch (IntegrityConstraintViolationException e) {
            if (order.idempotencyKey() != null) {
                // a concurrent request with the same key won the race: answer what it made
                Created replay = replay(db, order.caller(), order.idempotencyKey(), order.checked().hash());
                if (replay != null) {
                    return replay;
                }
            }
            throw new ConflictException("the server could not be created: " + rootMessage(e));
        }
    }

    /*
     * The account row is locked first: orders of one account run this one after the other, and each
     * sees the servers of the ones before (quota, name).
     */
    private Created create(DSLContext tx, ServerOrder order) {
        Caller caller = order.caller();
        CreateServer request = order.request();
        ServerRequests.Checked checked = order.checked();
        String idempotencyKey = order.idempotencyKey();
        UsersRecord owner = tx.selectFrom(USERS).where(USERS.ID.eq(caller.accountId())).forUpdate().fetchOne();
        if (owner == null || owner.getDisabled()) {
            throw new ForbiddenException("the account is not active");
        }
        if (idempotencyKey != null) {
            Created replay = replay(tx, caller, idempotencyKey, checked.hash());
            if (replay != null) {
                return replay;
            }
        }
        Record2<Integer, Integer> held = tx.select(DSL.count(), DSL.count().filterWhere(SERVERS.NAME.eq(request.name())))
                .from(SERVERS).where(SERVERS.OWNER_ID.eq(owner.getId()).and(SERVERS.STATUS.ne("terminated")))
                .fetchSingle();
        if (held.value1() >= owner.getQuotaServers()) {
            throw ServerOrder.quotaReached(held.value1(), owner.getQuotaServers());
        }
        if (held.value2() > 0) {
            throw order.nameTaken();
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        order.row(tx, id, null, now).insert();
        String address = pool.allocate(tx, id);
        tx.update(SERVERS).set(SERVERS.IP_ADDRESS, address).where(SERVERS.ID.eq(id)).execute();
        if (idempotencyKey != null) {
            order.keyInsert(tx, id, now).execute();
        }
        JobQueue.enqueue(tx, JobKind.PROVISION, id, Map.of());
        order.audit(tx, id).execute();
        return order.made(id, address, now);
    }

    private static Created replay(DSLContext tx, Caller caller, String key, String hash) {
        IdempotencyKeysRecord seen = tx.selectFrom(IDEMPOTENCY_KEYS).where(IDEMPOTENCY_KEYS.OWNER_ID
                .eq(caller.accountId()).and(IDEMPOTENCY_KEYS.IDEM_KEY.eq(key))).fetchOne();
        if (seen == null) {
            return null;
        }
        if (!seen.getRequestHash().equals(hash)) {
            throw ServerOrder.keyReused();
        }
        return new Created(ServerRows.one(tx, SERVERS.ID.eq(seen.getServerId())), true);
    }

    @Override
    public Server act(Caller caller, UUID id, PowerAction action) {
        return changed(db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            ServersRecord row = lock(tx, id, SERVERS.OWNER_ID.eq(caller.accountId()));
            ServerStatus next = ServerStateMachine.act(ServerStatus.fromWireName(row.getStatus()), action);
            transition(tx, row, next, "queued");
            JobQueue.enqueue(tx, JobKind.valueOf(action.name()), id, Map.of());
            AuditLog.record(tx, caller, "server." + action.name().toLowerCase(), "server", id, null);
            return ServerRows.one(tx, SERVERS.ID.eq(id));
        }));
    }

    @Override
    public Server terminate(Caller caller, UUID id) {
        return changed(db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            ServersRecord row = lock(tx, id, visibleTo(caller));
            ServerStateMachine.terminate(ServerStatus.fromWireName(row.getStatus()), caller.admin());
            transition(tx, row, ServerStatus.TERMINATING, "queued");
            JobQueue.enqueue(tx, JobKind.TERMINATE, id, Map.of());
            AuditLog.record(tx, caller, "server.terminate", "server", id, null);
            return ServerRows.one(tx, SERVERS.ID.eq(id));
        }));
    }

    @Override
    public Server suspend(Caller caller, UUID id) {
        requireAdmin(caller);
        return changed(db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            ServersRecord row = lock(tx, id, DSL.noCondition());
            ServerStatus current = ServerStatus.fromWireName(row.getStatus());
            if (current == ServerStatus.SUSPENDED) {
                return ServerRows.one(tx, SERVERS.ID.eq(id));
            }
            ServerStateMachine.suspend(current);
            row.setResumeStatus(current.wireName());
            transition(tx, row, ServerStatus.SUSPENDED, "suspended by an admin");
            AuditLog.record(tx, caller, "server.suspend", "server", id, null);
            return ServerRows.one(tx, SERVERS.ID.eq(id));
        }));
    }

    @Override
    public Server unsuspend(Caller caller, UUID id) {
        requireAdmin(caller);
        return changed(db.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            ServersRecord row = lock(tx, id, DSL.noCondition());
            if (!ServerStatus.SUSPENDED.wireName().equals(row.getStatus())) {
                throw new ConflictException("the server is not suspended");
            }
            String resume = row.getResumeStatus() == null ? ServerStatus.STOPPED.wireName() : row.getResumeStatus();
            row.setResumeStatus(null);
            transition(tx, row, ServerStatus.fromWireName(resume), null);
            AuditLog.record(tx, caller, "server.unsuspend", "server", id, null);
            return ServerRows.one(tx, SERVERS.ID.eq(id));
        }));
    }

    /** After a committed change of {@code server}: its owner's next list reads the database. */
    private Server changed(Server server) {
        pages.changed(server.ownerId());
        return server;
    }

    /** The server row, locked for this transaction; not found unless {@code visible} holds. */
    private static ServersRecord lock(DSLContext tx, UUID id, Condition visible) {
        ServersRecord row = ServerRows.lock(tx, id, visible);
        if (row == null) {
            throw notFound(id);
        }
        return row;
    }

    private static void transition(DSLContext tx, ServersRecord row, ServerStatus next, String detail) {
        row.setStatus(next.wireName());
        row.setStatusDetail(detail);
        row.setUpdatedAt(Instant.now());
        row.store();
    }

    private static Condition visibleTo(Caller caller) {
        return caller.admin() ? DSL.noCondition() : SERVERS.OWNER_ID.eq(caller.accountId());
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new ForbiddenException("this needs the admin role");
        }
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no server " + id);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
