package io.berth.testbed.pve.internal.vm;

import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.cluster.StorageDefinition;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage locks PVE takes while allocating volumes ({@code cluster_lock_storage}): a file
 * lock per node for a local storage, a cluster-wide lock for a shared one. Parallel clones onto
 * one storage queue here and time out when it is busy long enough.
 */
public final class StorageLocks {

    private final Map<String, StorageLock> locks = new ConcurrentHashMap<>();

    /** Holds the storage's lock for {@code hold} (the allocation), waiting at most {@code timeout}. */
    public void allocate(StorageDefinition storage, String node, Duration hold, Duration timeout) throws InterruptedException {
        String key = storage.shared() ? storage.id() : node + "/" + storage.id();
        locks.computeIfAbsent(key, k -> new StorageLock(StorageClock.SYSTEM))
                .hold(hold, timeout, () -> PveError.of(storage.lockTimeoutMessage()));
    }
}
