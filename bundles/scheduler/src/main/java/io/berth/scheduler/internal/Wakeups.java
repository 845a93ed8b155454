package io.berth.scheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wakes this node's job engine when a job it rescheduled falls due, so the job runs then instead of
 * at the engine's next poll (up to a polling interval later, on each of a provisioning's waits).
 * Only a hint: the reschedule is persisted as usual, and a wake-up lost in a crash or taken by
 * another node costs nothing but that poll.
 */
final class Wakeups implements AutoCloseable {

    /** Wake-ups sooner than this wait for it, so the reschedule itself has been written. */
    static final Duration MIN_DELAY = Duration.ofMillis(20);

    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile Runnable check = () -> {
    };

    Wakeups(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-job-wakeups");
            t.setDaemon(true);
            return t;
        });
    }

    /** What a wake-up runs: the engine's check for due executions. */
    void target(Runnable check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    /** Runs the check at {@code due}, or after {@link #MIN_DELAY} if that is sooner. */
    void at(Instant due) {
        long millis = Math.max(MIN_DELAY.toMillis(), Duration.between(clock.instant(), due).toMillis());
        if (!timer.isShutdown()) {
            timer.schedule(this::wake, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs {@code work} soon on the wake-up thread (for work that must leave the caller's thread). */
    void execute(Runnable work) {
        try {
            timer.execute(work);
        } catch (RejectedExecutionException closed) {
            // closed: the engine is stopping
        }
    }

    private void wake() {
        try {
            check.run();
        } catch (RuntimeException e) {
            // a hint only: the engine's own polling still finds the job
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
