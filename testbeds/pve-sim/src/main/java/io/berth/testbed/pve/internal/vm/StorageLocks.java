package io.berth.testbed.pve.internal.vm;

import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.cluster.StorageDefinition;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The storage locks PVE takes while allocating volumes ({@code cluster_lock_storage}): a file
 * lock per node for a local storage, a cluster-wide lock for a shared one. Parallel clones onto
 * one storage queue here and time out when it is busy long enough.
 */
public final class StorageLocks {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Holds the storage's lock for {@code hold} (the allocation), waiting at most {@code timeout}. */
    public void allocate(StorageDefinition storage, String node, Duration hold, Duration timeout) throws InterruptedException {
        String key = storage.shared() ? storage.id() : node + "/" + storage.id();
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock(true));
        if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw PveError.of(storage.lockTimeoutMessage());
        }
        try {
            if (!hold.isZero()) {
                Thread.sleep(hold.toMillis());
            }
        } finally {
            lock.unlock();
        }
    }
}
