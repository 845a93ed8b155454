package io.berth.testbed.pve.internal.vm;

import io.berth.testbed.pve.internal.PveError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The per-VM config locks ({@code flock} on {@code /var/lock/qemu-server/lock-<vmid>.conf}):
 * exclusive for changes, shared for cloning a stopped source. Waiting longer than the timeout
 * fails with PVE's text {@code can't lock file '…' - got timeout}.
 */
public final class ConfigLocks {

    private final Map<Integer, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

    public LockHandle exclusive(int vmid, Duration timeout) throws InterruptedException {
        return take(vmid, lockFor(vmid).writeLock(), timeout);
    }

    public LockHandle shared(int vmid, Duration timeout) throws InterruptedException {
        return take(vmid, lockFor(vmid).readLock(), timeout);
    }

    /** Whether someone holds the exclusive lock right now. */
    public boolean isLocked(int vmid) {
        ReentrantReadWriteLock l = locks.get(vmid);
        return l != null && (l.isWriteLocked() || l.getReadLockCount() > 0);
    }

    public static String timeoutMessage(int vmid) {
        return "can't lock file '/var/lock/qemu-server/lock-" + vmid + ".conf' - got timeout";
    }

    private ReentrantReadWriteLock lockFor(int vmid) {
        return locks.computeIfAbsent(vmid, k -> new ReentrantReadWriteLock());
    }

    private static LockHandle take(int vmid, Lock lock, Duration timeout) throws InterruptedException {
        if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw PveError.of(timeoutMessage(vmid));
        }
        return lock::unlock;
    }
}
