package io.berth.testbed.pve.internal.vm;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many clone requests were accepted (answered with a UPID) per target VMID. */
public final class CloneLedger {

    private final Map<Integer, AtomicInteger> accepted = new ConcurrentHashMap<>();

    public void accepted(int newid) {
        accepted.computeIfAbsent(newid, k -> new AtomicInteger()).incrementAndGet();
    }

    public int count(int newid) {
        AtomicInteger n = accepted.get(newid);
        return n == null ? 0 : n.get();
    }

    public Map<Integer, Integer> all() {
        Map<Integer, Integer> out = new TreeMap<>();
        accepted.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void clear() {
        accepted.clear();
    }
}
