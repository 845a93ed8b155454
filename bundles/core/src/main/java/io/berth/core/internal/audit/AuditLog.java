package io.berth.core.internal.audit;

import static io.berth.core.internal.db.schema.Tables.AUDIT_LOG;

import io.berth.api.domain.Caller;

import java.time.Instant;

import org.jooq.DSLContext;
import org.jooq.Query;

/** Who did what to which resource, when, from which address: written in the transaction of the change. */
public final class AuditLog {

    private AuditLog() {
    }

    public static void record(DSLContext tx, Caller caller, String action, String resourceType, Object resourceId,
            String detail) {
        entry(tx, caller, action, resourceType, resourceId, detail).execute();
    }

    /** The insert of a record, to run in a batch of the change's statements. */
    public static Query entry(DSLContext tx, Caller caller, String action, String resourceType, Object resourceId,
            String detail) {
        return tx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.AT, Instant.now())
                .set(AUDIT_LOG.ACTOR_ID, caller == null ? null : caller.accountId())
                .set(AUDIT_LOG.ACTOR_EMAIL, caller == null ? "system" : caller.email())
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.RESOURCE_TYPE, resourceType)
                .set(AUDIT_LOG.RESOURCE_ID, resourceId == null ? null : resourceId.toString())
                .set(AUDIT_LOG.REMOTE_ADDRESS, caller == null ? null : caller.remoteAddress())
                .set(AUDIT_LOG.DETAIL, detail);
    }
}
