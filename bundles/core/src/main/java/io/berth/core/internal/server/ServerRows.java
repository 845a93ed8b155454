package io.berth.core.internal.server;

import static io.berth.core.internal.db.schema.Tables.IMAGES;
import static io.berth.core.internal.db.schema.Tables.SERVERS;

import io.berth.api.domain.Page;
import io.berth.api.server.Server;
import io.berth.api.server.ServerStatus;
import io.berth.core.internal.Cursors;
import io.berth.core.internal.db.schema.tables.records.ServersRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Reads servers (with their image's name) and turns rows into the API's {@link Server}. */
final class ServerRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private ServerRows() {
    }

    static Server one(DSLContext db, Condition where) {
        Record r = db.select(SERVERS.fields()).select(IMAGES.NAME).from(SERVERS).leftJoin(IMAGES)
                .on(IMAGES.ID.eq(SERVERS.IMAGE_ID)).where(where).fetchOne();
        return r == null ? null : toServer(r);
    }

    static Page<Server> page(DSLContext db, Condition where, String cursor, int limit) {
        Condition after = DSL.noCondition();
        if (cursor != null) {
            Cursors.Position p = Cursors.decode(cursor);
            after = DSL.row(SERVERS.CREATED_AT, SERVERS.ID).gt(p.createdAt(), p.id());
        }
        List<Record> rows = db.select(SERVERS.fields()).select(IMAGES.NAME).from(SERVERS).leftJoin(IMAGES)
                .on(IMAGES.ID.eq(SERVERS.IMAGE_ID)).where(where.and(after)).orderBy(SERVERS.CREATED_AT, SERVERS.ID)
                .limit(Cursors.limit(limit) + 1).fetch();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Record last = rows.get(limit - 1);
            next = Cursors.encode(last.get(SERVERS.CREATED_AT), last.get(SERVERS.ID));
        }
        return new Page<>(rows.stream().map(ServerRows::toServer).toList(), next);
    }

    static ServersRecord lock(DSLContext tx, UUID id, Condition visible) {
        return tx.selectFrom(SERVERS).where(SERVERS.ID.eq(id).and(visible)).forUpdate().fetchOne();
    }

    static Server toServer(Record r) {
        return new Server(r.get(SERVERS.ID), r.get(SERVERS.OWNER_ID), r.get(SERVERS.NAME),
                ServerStatus.fromWireName(r.get(SERVERS.STATUS)), r.get(SERVERS.STATUS_DETAIL), r.get(SERVERS.IMAGE_ID),
                r.get(IMAGES.NAME), r.get(SERVERS.CPU_CORES), r.get(SERVERS.MEMORY_MB), r.get(SERVERS.DISK_GB),
                r.get(SERVERS.IP_ADDRESS), r.get(SERVERS.NODE), r.get(SERVERS.LOCATION),
                attributes(r.get(SERVERS.ATTRIBUTES)), r.get(SERVERS.CREATED_AT), r.get(SERVERS.UPDATED_AT));
    }

    static Map<String, String> attributes(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
