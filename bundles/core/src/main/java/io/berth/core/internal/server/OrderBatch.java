package io.berth.core.internal.server;

import static io.berth.core.internal.db.schema.Tables.IDEMPOTENCY_KEYS;
import static io.berth.core.internal.db.schema.Tables.SERVERS;
import static io.berth.core.internal.db.schema.Tables.USERS;

import io.berth.api.domain.ForbiddenException;
import io.berth.api.job.JobKind;
import io.berth.api.server.Created;
import io.berth.core.internal.db.schema.tables.records.IdempotencyKeysRecord;
import io.berth.core.internal.db.schema.tables.records.ServersRecord;
import io.berth.core.internal.db.schema.tables.records.UsersRecord;
import io.berth.core.internal.job.JobQueue;
import io.berth.core.internal.server.OrderQueue.Outcome;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.Query;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Several orders of one account in one transaction, with the outcome each would have had alone in
 * arrival order: the account row is locked once; the quota, the names and the idempotency keys are
 * read once and checked in memory, order by order; the new servers, their addresses, idempotency
 * keys, jobs and audit records are written in one batch of statements. An order the checks refuse
 * gets its own refusal and the others go on; a failure of the write fails the whole batch (the
 * caller then writes its orders one by one).
 */
final class OrderBatch {

    private OrderBatch() {
    }

    static List<Outcome> write(DSLContext tx, AddressPool pool, UUID account, List<ServerOrder> orders) {
        UsersRecord owner = tx.selectFrom(USERS).where(USERS.ID.eq(account)).forUpdate().fetchOne();
        if (owner == null || owner.getDisabled()) {
            throw new ForbiddenException("the account is not active");
        }
        Set<String> keys = orders.stream().map(ServerOrder::idempotencyKey).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<String, IdempotencyKeysRecord> stored = keys.isEmpty() ? Map.of()
                : tx.selectFrom(IDEMPOTENCY_KEYS).where(IDEMPOTENCY_KEYS.OWNER_ID.eq(account)
                        .and(IDEMPOTENCY_KEYS.IDEM_KEY.in(keys))).fetchMap(IDEMPOTENCY_KEYS.IDEM_KEY);
        Set<String> names = orders.stream().map(ServerOrder::name).collect(Collectors.toSet());
        Record2<Integer, String[]> held = tx.select(DSL.count(), DSL.arrayAgg(SERVERS.NAME).filterWhere(SERVERS.NAME.in(names)))
                .from(SERVERS).where(SERVERS.OWNER_ID.eq(account).and(SERVERS.STATUS.ne("terminated")))
                .fetchSingle();
        int inUse = held.value1();
        Set<String> taken = new HashSet<>(held.value2() == null ? List.of() : Arrays.asList(held.value2()));

        Outcome[] outcomes = new Outcome[orders.size()];
        Map<Integer, UUID> made = new LinkedHashMap<>(); // order index -> new server id
        Map<String, Integer> madeWithKey = new HashMap<>(); // idempotency key -> index of the order that made it
        Map<Integer, Integer> sameAs = new HashMap<>(); // index -> index of an earlier order with its key
        Map<Integer, UUID> replays = new HashMap<>(); // index -> server of a key stored before
        for (int i = 0; i < orders.size(); i++) {
            ServerOrder order = orders.get(i);
            String key = order.idempotencyKey();
            if (key != null && (stored.containsKey(key) || madeWithKey.containsKey(key))) {
                IdempotencyKeysRecord seen = stored.get(key);
                String hash = seen != null ? seen.getRequestHash() : orders.get(madeWithKey.get(key)).checked().hash();
                if (!hash.equals(order.checked().hash())) {
                    outcomes[i] = Outcome.refused(ServerOrder.keyReused());
                } else if (seen != null) {
                    replays.put(i, seen.getServerId());
                } else {
                    sameAs.put(i, madeWithKey.get(key));
                }
                continue;
            }
            if (inUse >= owner.getQuotaServers()) {
                outcomes[i] = Outcome.refused(ServerOrder.quotaReached(inUse, owner.getQuotaServers()));
                continue;
            }
            if (!taken.add(order.name())) {
                outcomes[i] = Outcome.refused(order.nameTaken());
                continue;
            }
            inUse++;
            made.put(i, UUID.randomUUID());
            if (key != null) {
                madeWithKey.put(key, i);
            }
        }

        if (!made.isEmpty()) {
            List<Long> free = pool.free(tx, made.size());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Map<UUID, Long> addressBy = new LinkedHashMap<>();
            InsertSetMoreStep<ServersRecord> servers = null;
            List<Query> rest = new ArrayList<>();
            int n = 0;
            for (Map.Entry<Integer, UUID> e : made.entrySet()) {
                ServerOrder order = orders.get(e.getKey());
                UUID id = e.getValue();
                long address = free.get(n++);
                addressBy.put(id, address);
                ServersRecord row = order.row(tx, id, AddressPool.format(address), now);
                servers = servers == null ? tx.insertInto(SERVERS).set(row) : servers.newRecord().set(row);
                if (order.idempotencyKey() != null) {
                    rest.add(order.keyInsert(tx, id, now));
                }
                rest.addAll(JobQueue.inserts(tx, UUID.randomUUID(), JobKind.PROVISION, id, Map.of()));
                rest.add(order.audit(tx, id));
                outcomes[e.getKey()] = Outcome.made(order.made(id, AddressPool.format(address), now));
            }
            List<Query> statements = new ArrayList<>();
            statements.add(servers);
            // an address another transaction took meanwhile fails the batch
            statements.add(pool.claims(tx, addressBy));
            statements.addAll(rest);
            tx.batch(statements).execute();
        }
        for (Map.Entry<Integer, UUID> replay : replays.entrySet()) {
            outcomes[replay.getKey()] = Outcome.made(new Created(ServerRows.one(tx, SERVERS.ID.eq(replay.getValue())), true));
        }
        for (Map.Entry<Integer, Integer> same : sameAs.entrySet()) {
            outcomes[same.getKey()] = Outcome.made(new Created(outcomes[same.getValue()].created().server(), true));
        }
        return Arrays.asList(outcomes);
    }
}
