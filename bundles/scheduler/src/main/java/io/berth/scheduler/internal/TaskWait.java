package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.api.job.JobStep;
import io.berth.api.provider.ProviderException;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a hypervisor task once and waits for it without holding a thread: the handle is recorded
 * before the first poll, a step that has a handle polls it instead of starting again, and a task
 * that is still running reschedules the job (when to look again: {@link Pacing}, or at once when a
 * hypervisor that watches the task tells it ended: {@link TaskWakes}). The idempotent operation is
 * asked again only when the hypervisor no longer knows a recorded task (its log was rotated, the node
 * restarted) or when the task failed in a way that making it again may fix ({@link TaskStatus#retryable()}, e.g. a lock
 * timeout): the handle is then marked for redoing and the failure goes to the retry backoff.
 */
final class TaskWait {

    private static final Logger LOG = LoggerFactory.getLogger(TaskWait.class);

    /**
     * A task just started is asked about at once only while tasks of its kind are expected to take
     * less than this ({@link Pacing#expected}: as long as they took lately, or, before one ended, as
     * long as the oldest one still going has run; nothing known counts as quick): a quick one then
     * ends in the same run. A few request round trips: a task that takes longer is still running when
     * the question arrives, and in a burst those questions hold up the jobs starting the next tasks.
     */
    static final Duration ASK_AT_ONCE_BELOW = Duration.ofMillis(100);

    /** How long a job waits before it looks itself at a task the hypervisor watches for it. */
    static final Duration WATCHED_LOOK = Duration.ofSeconds(10);

    /** Starts the operation; empty when there is nothing left to do. */
    @FunctionalInterface
    interface Starter {
        Optional<TaskHandle> start() throws ProviderException;
    }

    private TaskWait() {
    }

    static StepResult await(StepContext ctx, Hypervisor hv, String what, Starter starter) throws ProviderException {
        JobStep record = ctx.record();
        boolean resumed = record != null && TaskHandles.pollable(record.handle());
        TaskHandle handle;
        if (resumed) {
            handle = TaskHandles.decode(record.handle());
        } else {
            Optional<TaskHandle> started = starter.start();
            if (started.isEmpty()) {
                return StepResult.done("nothing to do");
            }
            handle = started.get();
            ctx.started(TaskHandles.encode(handle));
            if (ctx.pacing().expected(what).compareTo(ASK_AT_ONCE_BELOW) >= 0) {
                // such tasks take that long: asking right after the start finds it running
                return running(ctx, hv, what, handle);
            }
        }
        TaskStatus status;
        try {
            status = hv.task(handle);
        } catch (ProviderException e) {
            if (!resumed || e.kind() != ProviderException.Kind.NOT_FOUND) {
                throw e;
            }
            LOG.warn("task unknown to the hypervisor, asking again job={} server={} step={} task={}", ctx.jobId(),
                    ctx.serverId(), record.name(), handle.id());
            Optional<TaskHandle> again = starter.start();
            if (again.isEmpty()) {
                return StepResult.done("nothing to do");
            }
            handle = again.get();
            ctx.started(TaskHandles.encode(handle));
            status = hv.task(handle);
        }
        return switch (status.state()) {
            case RUNNING -> running(ctx, hv, what, handle);
            case SUCCEEDED -> {
                ctx.pacing().done(what, handle.id(), null);
                yield StepResult.done(TaskHandles.encode(handle),
                        status.detail() == null || status.detail().isBlank() ? "OK" : status.detail());
            }
            case FAILED -> {
                ctx.pacing().forget(what, handle.id());
                throw failed(ctx, what, handle, status);
            }
        };
    }

    /**
     * The task runs: look again when {@link Pacing} says, or, when the hypervisor watches the task and
     * brings the job forward once it ended, only after {@link #WATCHED_LOOK} in case that notice is lost.
     */
    private static StepResult running(StepContext ctx, Hypervisor hv, String what, TaskHandle handle) {
        Duration paced = ctx.pacing().stillWaiting(what, handle.id(), null);
        Duration delay = ctx.watch(hv, handle) && paced.compareTo(WATCHED_LOOK) < 0 ? WATCHED_LOOK : paced;
        return StepResult.waitFor(delay, "waiting for the " + what + " task");
    }

    /**
     * A failed task: one that making the operation again may fix is marked for redoing and reported as
     * a provider failure of its kind (retried with backoff; ALREADY_EXISTS is the caller's to handle);
     * any other fails the step.
     */
    private static ProviderException failed(StepContext ctx, String what, TaskHandle handle, TaskStatus status) {
        String message = what + " task failed: " + status.detail();
        if (status.retryable() || status.failure() == ProviderException.Kind.ALREADY_EXISTS) {
            ctx.started(TaskHandles.redo(handle));
            return new ProviderException(status.failure(), message);
        }
        throw new StepFailedException(message);
    }
}
