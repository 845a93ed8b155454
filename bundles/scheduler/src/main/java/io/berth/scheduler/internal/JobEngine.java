package io.berth.scheduler.internal;

import io.berth.api.job.JobStore;
import io.berth.api.server.ServerLifecycle;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's job engine: db-scheduler on the shared PostgreSQL table {@code scheduled_tasks}. Nodes
 * pick due executions with {@code SELECT … FOR UPDATE SKIP LOCKED} (each execution goes to one node,
 * which then holds it with heartbeats); an execution whose heartbeats stop (its node died) is
 * revived on a live node. Runs the workflow jobs and the recurring reconciliation.
 */
final class JobEngine {

    /** The recurring reconciliation task's name. */
    static final String RECONCILE_TASK = "berth-reconcile";

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

    private final Scheduler scheduler;
    private final Settings settings;
    private final Wakeups wakeups;
    private final JobNotices notices;
    private final AtomicBoolean stopped = new AtomicBoolean();

    JobEngine(DataSource dataSource, JobStore store, ServerLifecycle lifecycle, Hypervisors hypervisors,
            Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wakeups = new Wakeups(clock);
        TaskWakes taskWakes = new TaskWakes(wakeups::execute);
        JobRunner runner = new JobRunner(store, lifecycle, hypervisors, new Workflows(), settings, clock, taskWakes);
        RetryHandler retries = new RetryHandler(runner, settings.backoff(), settings.maxAttempts());
        Reconciler reconciler = new Reconciler(lifecycle, hypervisors);
        RecurringTask<Void> reconcile = Tasks.recurring(RECONCILE_TASK, FixedDelay.of(settings.reconcileInterval()))
                .execute((instance, ctx) -> {
                    if (settings.reconcileEnabled()) {
                        Reconciler.Pass pass = reconciler.reconcile();
                        LOG.debug("reconciled checked={} fixed={} vanished={} orphans={} unreachable={}",
                                pass.checked(), pass.fixed(), pass.vanished(), pass.orphans(), pass.unreachable());
                    }
                });
        List<Task<?>> tasks = List.of(JobTask.create(runner, retries, wakeups, taskWakes));
        this.scheduler = Scheduler.create(dataSource, tasks)
                .startTasks(reconcile)
                .schedulerName(new SchedulerName.Fixed(settings.nodeName()))
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .jdbcCustomization(new PostgreSqlJdbcCustomization(false, false))
                .pollUsingLockAndFetch(0.5, 1.0)
                .shutdownMaxWait(settings.shutdownWait())
                // the RetryHandler logs each failure once, with the job id and without a stack trace
                .failureLogging(LogLevel.DEBUG, true)
                .build();
        wakeups.target(scheduler::triggerCheckForDueExecutions);
        this.notices = new JobNotices(dataSource, scheduler::triggerCheckForDueExecutions);
        taskWakes.target(job -> {
            // refused while another node runs the job: then that run sees the task ended anyway
            if (scheduler.reschedule(TaskInstanceId.of(JobStore.TASK_NAME, job.toString()), clock.instant())) {
                scheduler.triggerCheckForDueExecutions();
            }
        });
    }

    void start() {
        scheduler.start();
        notices.start();
        LOG.info("job engine started node={} threads={} polling_ms={} heartbeat_ms={} max_attempts={}",
                settings.nodeName(), settings.threads(), settings.pollingInterval().toMillis(),
                settings.heartbeatInterval().toMillis(), settings.maxAttempts());
    }

    /** Whether the engine was started and not stopped since. */
    boolean running() {
        return scheduler.getSchedulerState().isStarted() && !scheduler.getSchedulerState().isShuttingDown();
    }

    /** Stops the engine; a second call does nothing. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        notices.close();
        wakeups.close();
        scheduler.stop();
        LOG.info("job engine stopped node={}", settings.nodeName());
    }
}
