package io.berth.core.internal.job;

import static io.berth.core.internal.db.schema.Tables.JOBS;
import static io.berth.core.internal.db.schema.Tables.SCHEDULED_TASKS;

import io.berth.api.job.JobKind;
import io.berth.api.job.JobStatus;
import io.berth.api.job.JobStore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * Enqueues a job inside the caller's transaction: the {@code jobs} row and the job engine's task
 * row commit (or roll back) together with the state change the job carries out.
 */
public final class JobQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JobQueue() {
    }

    public static UUID enqueue(DSLContext tx, JobKind kind, UUID serverId, Map<String, String> params) {
        UUID id = UUID.randomUUID();
        inserts(tx, id, kind, serverId, params).forEach(Query::execute);
        return id;
    }

    /** The inserts that enqueue job {@code id}, to run in a batch of the change's statements. */
    public static List<Query> inserts(DSLContext tx, UUID id, JobKind kind, UUID serverId, Map<String, String> params) {
        Instant now = Instant.now();
        return List.of(tx.insertInto(JOBS)
                        .set(JOBS.ID, id)
                        .set(JOBS.KIND, kind.wireName())
                        .set(JOBS.SERVER_ID, serverId)
                        .set(JOBS.STATUS, JobStatus.PENDING.wireName())
                        .set(JOBS.PARAMS, json(params))
                        .set(JOBS.CREATED_AT, now)
                        .set(JOBS.UPDATED_AT, now),
                tx.insertInto(SCHEDULED_TASKS)
                        .set(SCHEDULED_TASKS.TASK_NAME, JobStore.TASK_NAME)
                        .set(SCHEDULED_TASKS.TASK_INSTANCE, id.toString())
                        .set(SCHEDULED_TASKS.EXECUTION_TIME, now)
                        .set(SCHEDULED_TASKS.PICKED, false)
                        .set(SCHEDULED_TASKS.VERSION, 1L));
    }

    static String json(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
