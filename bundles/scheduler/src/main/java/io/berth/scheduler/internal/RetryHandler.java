package io.berth.scheduler.internal;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's failure handler for jobs: a failed run (retryable provider error, lock, database
 * error) is retried after an exponential backoff with jitter; after the configured attempts the job
 * switches to its cleanup steps with a fresh budget of attempts, and when the cleanup runs out of
 * attempts too the job fails for good with the reason.
 */
final class RetryHandler implements FailureHandler<Void> {

    /** What to do after a failed run. */
    record Decision(boolean exhausted, Duration delay) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RetryHandler.class);

    private final JobRunner runner;
    private final Backoff backoff;
    private final int maxAttempts;

    RetryHandler(JobRunner runner, Backoff backoff, int maxAttempts) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.maxAttempts = maxAttempts;
    }

    /** The decision after that many consecutive failed runs (including this one). */
    Decision decide(int failures) {
        return failures >= maxAttempts ? new Decision(true, Duration.ZERO) : new Decision(false, backoff.delay(failures));
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> ops) {
        Execution execution = complete.getExecution();
        int failures = execution.consecutiveFailures + 1;
        String reason = Failures.describe(complete.getCause().orElse(null));
        Optional<UUID> id = JobTask.jobId(execution.taskInstance);
        if (id.isEmpty()) {
            LOG.error("dropping execution whose instance is not a job id instance={}", execution.taskInstance.getId());
            ops.remove();
            return;
        }
        UUID jobId = id.get();
        Decision decision = decide(failures);
        Instant now = complete.getTimeDone();
        if (!decision.exhausted()) {
            LOG.warn("job run failed, retrying job={} attempt={} max_attempts={} delay_ms={} reason={}", jobId,
                    failures, maxAttempts, decision.delay().toMillis(), reason);
            try {
                runner.retrying(jobId, failures, decision.delay(), reason);
            } catch (RuntimeException e) {
                LOG.warn("could not record the retry job={} reason={}", jobId, Failures.describe(e));
            }
            ops.reschedule(complete, now.plus(decision.delay()));
            return;
        }
        Next next = runner.exhausted(jobId, reason);
        if (next.done()) {
            ops.remove();
        } else {
            // the cleanup starts with a fresh budget of attempts: record this run as a success
            ops.reschedule(ExecutionComplete.success(execution, now, now), now.plus(next.delay()));
        }
    }
}
