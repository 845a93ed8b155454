package io.berth.scheduler.internal;

import io.berth.api.provider.ProviderException;

/**
 * One persisted, idempotent step of a workflow. The runner records that it started before running
 * it and its outcome once it is done; a step that made an external effect records the effect's
 * handle through {@link StepContext#started(String)} before it waits for it, so running it again
 * (after a crash, on another node) resumes the effect instead of repeating it.
 *
 * <p>A step returns {@link StepResult.Done} or {@link StepResult.Wait}; it throws a retryable
 * {@link ProviderException} (or any runtime exception) to be retried with backoff,
 * {@link StepFailedException} or a non-retryable {@link ProviderException} to fail the job.
 */
interface Step {

    /** Its persisted name, e.g. {@code clone}. */
    String name();

    /** What it does, for users, e.g. {@code cloning template}. */
    String label();

    StepResult run(StepContext ctx) throws ProviderException;
}
