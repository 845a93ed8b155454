package io.berth.testbed.pve.internal.vm;

import io.berth.testbed.pve.internal.PveError;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One storage's allocation lock, first come first served, kept on the storage's own clock: a
 * queued allocation ends {@code hold} after the one before it ended (or after it arrived, if the
 * lock was free then), however late the simulator's thread is woken to take the lock. A real
 * cluster's lock does not slow down because the machine running the simulator is busy; without
 * this, every hand-over in a queue of 200 clones would add the host's wake-up delay to the ones
 * after it.
 */
final class StorageLock {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final StorageClock clock;
    private long freeAt; // guarded by lock: when the last allocation ended or is due to end

    StorageLock(StorageClock clock) {
        this.clock = clock;
        this.freeAt = clock.nanos();
    }

    /** Waits at most {@code timeout} for the lock, then holds it until the allocation is due to end. */
    void hold(Duration hold, Duration timeout, Supplier<PveError> timedOut) throws InterruptedException {
        long arrival = clock.nanos();
        if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw timedOut.get();
        }
        try {
            long end = start(arrival) + hold.toNanos();
            freeAt = end;
            clock.sleepUntil(end);
        } finally {
            long now = clock.nanos();
            if (now - freeAt < 0) { // interrupted: the lock is free from now on, not from the planned end
                freeAt = now;
            }
            lock.unlock();
        }
    }

    /** When an allocation that arrived at {@code arrival} and now holds the lock started on the storage's clock. */
    private long start(long arrival) {
        return arrival - freeAt > 0 ? arrival : freeAt;
    }
}
