package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.TaskHandle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job again as soon as its hypervisor says that the task the job waits for ended
 * ({@link Hypervisor#watch}), instead of when the job planned to look: the job's execution is
 * rescheduled to now. A notice that comes while the job's own run is still going (its reschedule not
 * written yet) is kept and applied right after that run, so none is lost to the race. Notices are
 * hints: one that is lost (a restart, another node running the job) costs only the wait until the
 * job's own next look.
 */
final class TaskWakes {

    private static final Logger LOG = LoggerFactory.getLogger(TaskWakes.class);

    private final Executor executor;
    private volatile Consumer<UUID> rescheduleNow = job -> {
    };
    private final Set<UUID> inRun = new HashSet<>(); // guarded by this
    private final Set<UUID> pending = new HashSet<>(); // guarded by this
    private final Map<UUID, Runnable> notices = new HashMap<>(); // guarded by this

    /** @param executor where the reschedules run (not on the hypervisor's thread) */
    TaskWakes(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** How a job is brought forward: the engine's reschedule to now (which also wakes the engine). */
    void target(Consumer<UUID> reschedule) {
        this.rescheduleNow = Objects.requireNonNull(reschedule, "reschedule");
    }

    /**
     * Asks the hypervisor to tell when the task ends, with one notice per job (so asking again for the
     * same task adds nothing); whether it will tell.
     */
    boolean watch(Hypervisor hypervisor, UUID job, TaskHandle handle) {
        Runnable notice;
        synchronized (this) {
            notice = notices.computeIfAbsent(job, j -> () -> ended(j));
        }
        try {
            return hypervisor.watch(handle, notice);
        } catch (RuntimeException e) {
            LOG.debug("hypervisor does not watch job={} task={} reason={}", job, handle.id(), e.toString());
            return false;
        }
    }

    /** A run of the job begins (on this node). */
    synchronized void runStarts(UUID job) {
        inRun.add(job);
        pending.remove(job);
    }

    /**
     * The run's outcome is written (rescheduled or removed): a notice that came meanwhile brings the
     * job forward now; a finished job's notice is forgotten.
     */
    void runEnded(UUID job, boolean finished) {
        boolean wake;
        synchronized (this) {
            inRun.remove(job);
            wake = pending.remove(job) && !finished;
            if (finished) {
                notices.remove(job);
            }
        }
        if (wake) {
            bringForward(job);
        }
    }

    /** The hypervisor's notice (on its thread). */
    private void ended(UUID job) {
        LOG.debug("task ended, bringing the job forward job={}", job);
        synchronized (this) {
            notices.remove(job);
            if (inRun.contains(job)) {
                pending.add(job);
                return;
            }
        }
        bringForward(job);
    }

    private void bringForward(UUID job) {
        executor.execute(() -> {
            try {
                rescheduleNow.accept(job);
            } catch (RuntimeException e) {
                // a hint only: the job still looks itself when its wait is over
                LOG.debug("job not brought forward job={} reason={}", job, e.toString());
            }
        });
    }
}
