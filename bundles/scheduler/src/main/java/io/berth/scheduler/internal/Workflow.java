package io.berth.scheduler.internal;

import io.berth.api.job.JobKind;

import java.util.List;

/**
 * A job kind's steps. The forward steps are numbered from 1; once the job fails (a permanent error,
 * or retries used up) an {@code abort} step recording the reason is written as step
 * {@value JobRunner#ABORT_STEP} and the cleanup steps run from {@value JobRunner#ABORT_STEP} + 1.
 * Never reorder or remove steps of a released workflow: running jobs resume by step number.
 */
interface Workflow {

    JobKind kind();

    List<Step> steps();

    /** What undoes or reports a failure; its last step settles the server. */
    List<Step> cleanup();
}
