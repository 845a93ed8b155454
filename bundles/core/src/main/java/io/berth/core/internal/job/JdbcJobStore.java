package io.berth.core.internal.job;

import static io.berth.core.internal.db.schema.Tables.JOBS;
import static io.berth.core.internal.db.schema.Tables.JOB_STEPS;

import io.berth.api.job.Job;
import io.berth.api.job.JobKind;
import io.berth.api.job.JobState;
import io.berth.api.job.JobStatus;
import io.berth.api.job.JobStep;
import io.berth.api.job.JobStore;
import io.berth.core.internal.db.FieldPositions;
import io.berth.core.internal.db.RenderedQuery;
import io.berth.core.internal.db.RenderedStatement;
import io.berth.core.internal.db.schema.tables.records.JobStepsRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Jobs and their steps in PostgreSQL. Every write is safe to repeat: steps are upserts keyed by
 * {@code (job_id, step_no)} that never move a step back from done nor forget a stored handle, and a
 * finished job stays finished, so a node that lost its lease (a zombie) cannot undo the work of the
 * node that took the job over.
 *
 * <p>{@link #running} counts one attempt each time a node starts or resumes work on the job (the
 * first start, a retry after a failure, a resumed crash, going on after a wait). {@link #waiting}
 * keeps its reason in {@code last_error} (the table has no other place for it); a job that
 * succeeds clears it, one that fails keeps its error there.
 */
@Component(service = JobStore.class)
public final class JdbcJobStore implements JobStore {

    static final int ERROR_LENGTH = 2000;
    static final int HANDLE_LENGTH = 500;
    static final int NAME_LENGTH = 64;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };
    private static final String STARTED = "started";
    private static final String DONE = "done";
    private static final List<String> FINISHED = List.of(JobStatus.SUCCEEDED.wireName(), JobStatus.FAILED.wireName());
    /** The columns of {@code stateById}: the job's, then its steps' ({@code findById} has the job's only). */
    private static final FieldPositions STATE_COLUMNS = new FieldPositions(JOBS.fields(), JOB_STEPS.fields());

    private final DSLContext db;
    // the job and its steps are read on every look of every job: rendered once, and read together
    private final RenderedQuery findById;
    private final RenderedQuery stepsByJob;
    private final RenderedQuery stateById;
    // and every step of every job writes: rendered once too
    private final RenderedStatement stepStarted;
    private final RenderedStatement stepDone;
    private final RenderedStatement running;
    private final RenderedStatement waiting;
    private final RenderedStatement finished;

    @Activate
    public JdbcJobStore(@Reference(target = "(berth.datasource=main)") DSLContext db) {
        this.db = Objects.requireNonNull(db, "db");
        this.findById = new RenderedQuery(db,
                db.selectFrom(JOBS).where(JOBS.ID.eq(DSL.param("id", JOBS.ID.getDataType()))));
        this.stepsByJob = new RenderedQuery(db, db.selectFrom(JOB_STEPS)
                .where(JOB_STEPS.JOB_ID.eq(DSL.param("job_id", JOB_STEPS.JOB_ID.getDataType())))
                .orderBy(JOB_STEPS.STEP_NO));
        this.stateById = new RenderedQuery(db, db.select(JOBS.fields()).select(JOB_STEPS.fields()).from(JOBS)
                .leftJoin(JOB_STEPS).on(JOB_STEPS.JOB_ID.eq(JOBS.ID))
                .where(JOBS.ID.eq(DSL.param("id", JOBS.ID.getDataType())))
                .orderBy(JOB_STEPS.STEP_NO));
        this.stepStarted = new RenderedStatement(db, stepStarted(db));
        this.stepDone = new RenderedStatement(db, stepDone(db));
        this.running = new RenderedStatement(db, running(db));
        this.waiting = new RenderedStatement(db, waiting(db));
        this.finished = new RenderedStatement(db, finished(db));
    }

    @Override
    public Optional<Job> find(UUID id) {
        return Optional.ofNullable(findById.fetchOne(db, id)).map(JdbcJobStore::job);
    }

    @Override
    public List<JobStep> steps(UUID jobId) {
        return stepsByJob.fetch(db, jobId).map(record -> step(record.into(JOB_STEPS)));
    }

    @Override
    public Optional<JobState> state(UUID id) {
        Result<Record> rows = stateById.fetch(db, id);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<JobStep> steps = new ArrayList<>();
        for (Record row : rows) {
            if (stepValue(row, JOB_STEPS.STEP_NO) != null) {
                steps.add(new JobStep(stepValue(row, JOB_STEPS.STEP_NO), stepValue(row, JOB_STEPS.NAME),
                        stepStatus(stepValue(row, JOB_STEPS.STATUS)), stepValue(row, JOB_STEPS.HANDLE),
                        stepValue(row, JOB_STEPS.OUTCOME)));
            }
        }
        return Optional.of(new JobState(job(rows.get(0)), steps));
    }

    /** A step column of a row of {@code stateById} (the job's columns, then its steps'). */
    private static <T> T stepValue(Record row, Field<T> field) {
        return STATE_COLUMNS.get(row, field);
    }

    private static JobStep step(JobStepsRecord r) {
        return new JobStep(r.getStepNo(), r.getName(), stepStatus(r.getStatus()), r.getHandle(), r.getOutcome());
    }

    @Override
    public void stepStarted(UUID jobId, int no, String name, String handle) {
        stepStarted.execute(db, jobId, no, cut(name, NAME_LENGTH), cut(handle, HANDLE_LENGTH));
    }

    @Override
    public void stepDone(UUID jobId, int no, String name, String handle, String outcome) {
        stepDone.execute(db, jobId, no, cut(name, NAME_LENGTH), cut(handle, HANDLE_LENGTH), outcome);
    }

    @Override
    public void running(UUID jobId) {
        running.execute(db, jobId);
    }

    @Override
    public void waiting(UUID jobId, String reason) {
        waiting.execute(db, cut(reason, ERROR_LENGTH), jobId);
    }

    @Override
    public void finished(UUID jobId, boolean succeeded, String error) {
        finished.execute(db, (succeeded ? JobStatus.SUCCEEDED : JobStatus.FAILED).wireName(),
                succeeded ? null : cut(error, ERROR_LENGTH), jobId);
    }

    /**
     * A step's row as written: job, number, name and handle as parameters (in that bind order), the
     * status given. Times are the database's.
     */
    private static InsertSetMoreStep<JobStepsRecord> stepRow(DSLContext db, String status) {
        return db.insertInto(JOB_STEPS)
                .set(JOB_STEPS.JOB_ID, DSL.param("job_id", JOB_STEPS.JOB_ID.getDataType()))
                .set(JOB_STEPS.STEP_NO, DSL.param("step_no", JOB_STEPS.STEP_NO.getDataType()))
                .set(JOB_STEPS.NAME, DSL.param("name", JOB_STEPS.NAME.getDataType()))
                .set(JOB_STEPS.STATUS, DSL.inline(status))
                .set(JOB_STEPS.HANDLE, DSL.param("handle", JOB_STEPS.HANDLE.getDataType()));
    }

    /** Step upserts; a step's row appears when it starts. */
    private static Query stepStarted(DSLContext db) {
        return stepRow(db, STARTED)
                .set(JOB_STEPS.STARTED_AT, DSL.currentInstant())
                .onConflict(JOB_STEPS.JOB_ID, JOB_STEPS.STEP_NO)
                .doUpdate()
                // a done step stays done; a started step keeps the handle it has unless given a new one
                .set(JOB_STEPS.HANDLE, DSL.when(JOB_STEPS.STATUS.eq(DSL.inline(DONE)), JOB_STEPS.HANDLE)
                        .otherwise(DSL.coalesce(DSL.excluded(JOB_STEPS.HANDLE), JOB_STEPS.HANDLE)))
                .set(JOB_STEPS.STATUS, DSL.when(JOB_STEPS.STATUS.eq(DSL.inline(DONE)), JOB_STEPS.STATUS)
                        .otherwise(DSL.inline(STARTED)))
                .set(JOB_STEPS.NAME, DSL.excluded(JOB_STEPS.NAME))
                .set(JOB_STEPS.STARTED_AT, DSL.coalesce(JOB_STEPS.STARTED_AT, DSL.excluded(JOB_STEPS.STARTED_AT)));
    }

    private static Query stepDone(DSLContext db) {
        Field<Instant> now = DSL.currentInstant();
        return stepRow(db, DONE)
                .set(JOB_STEPS.OUTCOME, DSL.param("outcome", JOB_STEPS.OUTCOME.getDataType()))
                .set(JOB_STEPS.STARTED_AT, now)
                .set(JOB_STEPS.FINISHED_AT, now)
                .onConflict(JOB_STEPS.JOB_ID, JOB_STEPS.STEP_NO)
                .doUpdate()
                .set(JOB_STEPS.NAME, DSL.excluded(JOB_STEPS.NAME))
                .set(JOB_STEPS.STATUS, DSL.inline(DONE))
                .set(JOB_STEPS.HANDLE, DSL.coalesce(DSL.excluded(JOB_STEPS.HANDLE), JOB_STEPS.HANDLE))
                .set(JOB_STEPS.OUTCOME, DSL.excluded(JOB_STEPS.OUTCOME))
                .set(JOB_STEPS.STARTED_AT, DSL.coalesce(JOB_STEPS.STARTED_AT, DSL.excluded(JOB_STEPS.STARTED_AT)))
                .set(JOB_STEPS.FINISHED_AT, DSL.coalesce(JOB_STEPS.FINISHED_AT, DSL.excluded(JOB_STEPS.FINISHED_AT)));
    }

    /** Status updates; a finished job stays finished. */
    private static Query running(DSLContext db) {
        return db.update(JOBS)
                .set(JOBS.ATTEMPTS, JOBS.ATTEMPTS.plus(DSL.inline(1)))
                .set(JOBS.STATUS, DSL.inline(JobStatus.RUNNING.wireName()))
                .set(JOBS.UPDATED_AT, DSL.currentInstant())
                .where(JOBS.ID.eq(DSL.param("id", JOBS.ID.getDataType())))
                .and(notFinished());
    }

    private static Query waiting(DSLContext db) {
        return db.update(JOBS)
                .set(JOBS.STATUS, DSL.inline(JobStatus.WAITING.wireName()))
                .set(JOBS.LAST_ERROR, DSL.param("reason", JOBS.LAST_ERROR.getDataType()))
                .set(JOBS.UPDATED_AT, DSL.currentInstant())
                .where(JOBS.ID.eq(DSL.param("id", JOBS.ID.getDataType())))
                .and(notFinished());
    }

    private static Query finished(DSLContext db) {
        return db.update(JOBS)
                .set(JOBS.STATUS, DSL.param("status", JOBS.STATUS.getDataType()))
                .set(JOBS.LAST_ERROR, DSL.param("error", JOBS.LAST_ERROR.getDataType()))
                .set(JOBS.UPDATED_AT, DSL.currentInstant())
                .set(JOBS.FINISHED_AT, DSL.currentInstant())
                .where(JOBS.ID.eq(DSL.param("id", JOBS.ID.getDataType())))
                .and(notFinished());
    }

    private static Condition notFinished() {
        return JOBS.STATUS.notIn(FINISHED.stream().map(DSL::inline).toList());
    }

    @Override
    public UUID enqueue(JobKind kind, UUID serverId, Map<String, String> params) {
        Objects.requireNonNull(kind, "kind");
        return db.transactionResult(tx -> JobQueue.enqueue(tx.dsl(), kind, serverId, params));
    }

    @Override
    public Map<JobStatus, Long> counts() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            counts.put(s, 0L);
        }
        db.select(JOBS.STATUS, DSL.count())
                .from(JOBS)
                .groupBy(JOBS.STATUS)
                .fetch()
                .forEach(r -> counts.put(jobStatus(r.value1()), r.value2().longValue()));
        return counts;
    }

    /** The job of a row that starts with the job's columns. */
    static Job job(Record r) {
        return new Job(STATE_COLUMNS.get(r, JOBS.ID), JobKind.fromWireName(STATE_COLUMNS.get(r, JOBS.KIND)),
                STATE_COLUMNS.get(r, JOBS.SERVER_ID), jobStatus(STATE_COLUMNS.get(r, JOBS.STATUS)),
                params(STATE_COLUMNS.get(r, JOBS.PARAMS)), STATE_COLUMNS.get(r, JOBS.ATTEMPTS),
                STATE_COLUMNS.get(r, JOBS.LAST_ERROR), STATE_COLUMNS.get(r, JOBS.CREATED_AT));
    }

    static Map<String, String> params(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job params are not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }

    static JobStatus jobStatus(String wire) {
        return JobStatus.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    static JobStep.Status stepStatus(String wire) {
        // 'pending' exists in the schema but is never written: a step row appears when it starts
        return "pending".equals(wire) ? JobStep.Status.STARTED : JobStep.Status.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
