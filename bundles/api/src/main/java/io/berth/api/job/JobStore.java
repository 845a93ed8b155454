package io.berth.api.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Jobs and their steps as core persists them. Core enqueues a job in the same transaction as the
 * state change it carries out, as a row of the job engine's task table named {@link #TASK_NAME}
 * whose instance id is the job id; the scheduler runs it and records every step here.
 */
@ProviderType
public interface JobStore {

    /** The job engine's task name for workflow jobs. */
    String TASK_NAME = "berth-job";

    Optional<Job> find(UUID id);

    /** Its steps, in order. */
    List<JobStep> steps(UUID jobId);

    /**
     * The job with its steps, read together (one round trip where the store can).
     *
     * @since 1.1
     */
    default Optional<JobState> state(UUID id) {
        return find(id).map(job -> new JobState(job, steps(id)));
    }

    /** Records that a step began, with the handle of its external effect when it has one. */
    void stepStarted(UUID jobId, int no, String name, String handle);

    /** Records that a step ended well, with its outcome. */
    void stepDone(UUID jobId, int no, String name, String handle, String outcome);

    /** A node starts (or resumes) work on the job. */
    void running(UUID jobId);

    /** The job waits for something outside Berth; the reason is shown to users. */
    void waiting(UUID jobId, String reason);

    /** The job ended. */
    void finished(UUID jobId, boolean succeeded, String error);

    /** Enqueues a job (used where no state change carries it, e.g. re-running cleanup). */
    UUID enqueue(JobKind kind, UUID serverId, Map<String, String> params);

    /** How many jobs are in each status. */
    Map<JobStatus, Long> counts();
}
