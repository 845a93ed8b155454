package io.berth.core.internal.server;

import static io.berth.core.internal.db.schema.Tables.IDEMPOTENCY_KEYS;
import static io.berth.core.internal.db.schema.Tables.SERVERS;

import io.berth.api.domain.Caller;
import io.berth.api.domain.ConflictException;
import io.berth.api.server.CreateServer;
import io.berth.api.server.Created;
import io.berth.api.server.Server;
import io.berth.api.server.ServerStatus;
import io.berth.core.internal.audit.AuditLog;
import io.berth.core.internal.db.schema.tables.records.ServersRecord;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Query;

/** One checked order of a server, as it waits in the {@link OrderQueue} and is written. */
record ServerOrder(Caller caller, CreateServer request, ServerRequests.Checked checked, String idempotencyKey) {

    UUID accountId() {
        return caller.accountId();
    }

    String name() {
        return request.name();
    }

    /** The new server's row, not yet stored. */
    ServersRecord row(DSLContext tx, UUID id, String address, Instant now) {
        ServersRecord row = tx.newRecord(SERVERS);
        row.setId(id);
        row.setOwnerId(accountId());
        row.setName(request.name());
        row.setStatus(ServerStatus.PROVISIONING.wireName());
        row.setStatusDetail("queued");
        row.setImageId(checked.image().id());
        row.setPlanId(checked.plan() == null ? null : checked.plan().id());
        row.setCpuCores(checked.cpuCores());
        row.setMemoryMb(checked.memoryMb());
        row.setDiskGb(checked.diskGb());
        row.setHypervisorId(checked.image().hypervisorId());
        row.setIpAddress(address);
        row.setSshKeys(checked.sshKeys().isEmpty() ? null : String.join("\n", checked.sshKeys()));
        row.setAttributes("{}");
        row.setCreatedAt(now);
        row.setUpdatedAt(now);
        return row;
    }

    /** The answer for the server this order made, as stored. */
    Created made(UUID id, String address, Instant now) {
        return new Created(new Server(id, accountId(), request.name(), ServerStatus.PROVISIONING, "queued",
                checked.image().id(), checked.image().name(), checked.cpuCores(), checked.memoryMb(), checked.diskGb(),
                address, null, null, Map.of(), now, now), false);
    }

    /** The insert that remembers this order's idempotency key for the server it made. */
    Query keyInsert(DSLContext tx, UUID serverId, Instant now) {
        return tx.insertInto(IDEMPOTENCY_KEYS).set(IDEMPOTENCY_KEYS.OWNER_ID, accountId())
                .set(IDEMPOTENCY_KEYS.IDEM_KEY, idempotencyKey).set(IDEMPOTENCY_KEYS.REQUEST_HASH, checked.hash())
                .set(IDEMPOTENCY_KEYS.SERVER_ID, serverId).set(IDEMPOTENCY_KEYS.CREATED_AT, now);
    }

    /** The insert of the audit record of the server this order made. */
    Query audit(DSLContext tx, UUID serverId) {
        return AuditLog.entry(tx, caller, "server.create", "server", serverId, "image=" + checked.image().name()
                + " cpu=" + checked.cpuCores() + " memory_mb=" + checked.memoryMb() + " disk_gb=" + checked.diskGb());
    }

    /** The refusal of an order the account's quota has no room for. */
    static ConflictException quotaReached(int inUse, int quota) {
        return new ConflictException("server quota reached: " + inUse + " of " + quota
                + " servers in use; terminate one or ask for a higher quota");
    }

    /** The refusal of an order named like a server the account has. */
    ConflictException nameTaken() {
        return new ConflictException("you already have a server named " + request.name());
    }

    /** The refusal of an order whose idempotency key came with another request before. */
    static ConflictException keyReused() {
        return new ConflictException("this Idempotency-Key was already used with a different request");
    }
}
