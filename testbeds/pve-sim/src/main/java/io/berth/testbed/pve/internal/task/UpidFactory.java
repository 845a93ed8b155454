package io.berth.testbed.pve.internal.task;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes UPIDs as a node would: a growing worker pid per node, the worker's start time in clock
 * ticks since the node booted ({@code pstart}), and the start time in epoch seconds.
 */
public final class UpidFactory {

    private final Map<String, AtomicLong> pids = new ConcurrentHashMap<>();
    private final Map<String, Long> bootMillis;
    private final Random random;

    /** @param bootMillis each node's boot time (epoch milliseconds) */
    public UpidFactory(Map<String, Long> bootMillis, Random random) {
        this.bootMillis = Map.copyOf(bootMillis);
        this.random = random;
    }

    public Upid next(String node, String type, String id, String user) {
        long now = System.currentTimeMillis();
        long pid = pids.computeIfAbsent(node, n -> new AtomicLong(20_000 + random.nextInt(200_000))).addAndGet(1 + random.nextInt(7));
        long boot = bootMillis.getOrDefault(node, now - 3_600_000L);
        long pstart = Math.max(1, (now - boot) / 10); // USER_HZ = 100
        return new Upid(node, pid, pstart, now / 1000, type, id, user);
    }
}
