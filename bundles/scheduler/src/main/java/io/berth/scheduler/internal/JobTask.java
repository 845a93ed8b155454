package io.berth.scheduler.internal;

import io.berth.api.job.JobStore;
import io.berth.api.provider.ProviderException;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job engine's task {@value JobStore#TASK_NAME}: core inserts one execution per job (instance
 * id = job id, no data); a run either removes it (the job finished) or reschedules it (the job
 * waits), failures go to the {@link RetryHandler}, and an execution whose node stopped sending
 * heartbeats is revived on another node, which resumes the job at its first unfinished step. A job
 * whose hypervisor tells that its task ended is brought forward ({@link TaskWakes}).
 */
final class JobTask {

    private static final Logger LOG = LoggerFactory.getLogger(JobTask.class);

    private JobTask() {
    }

    static CustomTask<Void> create(JobRunner runner, RetryHandler retries, Wakeups wakeups, TaskWakes taskWakes) {
        return Tasks.custom(JobStore.TASK_NAME, Void.class)
                .onFailure((complete, ops) -> {
                    try {
                        retries.onFailure(complete, ops);
                    } finally {
                        jobId(complete.getExecution().taskInstance).ifPresent(id -> taskWakes.runEnded(id, false));
                    }
                })
                .onDeadExecution((complete, ops) -> {
                    LOG.warn("job taken over from a dead node job={} node={} last_heartbeat={}",
                            complete.getExecution().taskInstance.getId(), complete.getExecution().pickedBy,
                            complete.getExecution().lastHeartbeat);
                    new DeadExecutionHandler.ReviveDeadExecution<Void>().deadExecution(complete, ops);
                })
                .execute((TaskInstance<Void> instance, ExecutionContext ctx) -> run(runner, wakeups, taskWakes, instance,
                        ctx));
    }

    /** The job an execution runs: its instance id, when that is a job id. */
    static Optional<UUID> jobId(TaskInstance<?> instance) {
        try {
            return Optional.of(UUID.fromString(instance.getId()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static CompletionHandler<Void> run(JobRunner runner, Wakeups wakeups, TaskWakes taskWakes,
            TaskInstance<Void> instance, ExecutionContext ctx) {
        Optional<UUID> id = jobId(instance);
        if (id.isEmpty()) {
            LOG.error("dropping execution whose instance is not a job id instance={}", instance.getId());
            return new CompletionHandler.OnCompleteRemove<>();
        }
        UUID jobId = id.get();
        taskWakes.runStarts(jobId);
        Next next;
        try {
            next = runner.run(jobId, ctx.getExecution().consecutiveFailures);
        } catch (ProviderException e) {
            throw new JobRunException(e);
        }
        if (next.done()) {
            return (complete, ops) -> {
                try {
                    ops.stop();
                } finally {
                    taskWakes.runEnded(jobId, true);
                }
            };
        }
        return (complete, ops) -> {
            Instant due = Instant.now().plus(next.delay());
            try {
                ops.reschedule(complete, due);
            } finally {
                taskWakes.runEnded(jobId, false); // a task that ended meanwhile brings it forward now
            }
            wakeups.at(due);
        };
    }

    /** Carries a checked provider failure out of the engine's handler to the {@link RetryHandler}. */
    static final class JobRunException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        JobRunException(ProviderException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
