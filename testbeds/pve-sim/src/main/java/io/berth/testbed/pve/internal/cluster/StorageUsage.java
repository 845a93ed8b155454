package io.berth.testbed.pve.internal.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Allocated bytes per storage (per node for local storages). Thin-provisioned: never refuses. */
public final class StorageUsage {

    private final Map<String, AtomicLong> used = new ConcurrentHashMap<>();

    public void allocate(StorageDefinition storage, String node, long bytes) {
        used.computeIfAbsent(key(storage, node), k -> new AtomicLong()).addAndGet(bytes);
    }

    public void free(StorageDefinition storage, String node, long bytes) {
        used.computeIfAbsent(key(storage, node), k -> new AtomicLong()).updateAndGet(v -> Math.max(0, v - bytes));
    }

    public long used(StorageDefinition storage, String node) {
        AtomicLong v = used.get(key(storage, node));
        return v == null ? 0 : v.get();
    }

    public void clear() {
        used.clear();
    }

    private static String key(StorageDefinition storage, String node) {
        return storage.shared() ? storage.id() : node + "/" + storage.id();
    }
}
