package io.berth.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failures per key over a sliding window: a key is blocked while it has {@code limit}
 * failures younger than the window, until the oldest of them ages out. Each key keeps at most
 * {@code limit} time stamps; keys whose failures have all aged out are swept now and then, so
 * memory stays bounded by the number of keys that failed within one window.
 */
final class SlidingWindow {

    private static final int SWEEP_EVERY = 1024;

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();

    SlidingWindow(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** How long the key stays blocked: {@link Duration#ZERO} when it may try now. */
    Duration blockedFor(String key) {
        long now = clock.millis();
        long[] retryAt = {0};
        failures.computeIfPresent(key, (k, times) -> {
            prune(times, now);
            if (times.size() >= limit) {
                retryAt[0] = times.peekFirst() + windowMillis;
            }
            return times.isEmpty() ? null : times;
        });
        return retryAt[0] > now ? Duration.ofMillis(retryAt[0] - now) : Duration.ZERO;
    }

    void recordFailure(String key) {
        long now = clock.millis();
        failures.compute(key, (k, times) -> {
            ArrayDeque<Long> t = times == null ? new ArrayDeque<>(limit) : times;
            prune(t, now);
            t.addLast(now);
            while (t.size() > limit) {
                t.removeFirst();
            }
            return t;
        });
        if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            sinceSweep.set(0);
            sweep();
        }
    }

    void reset(String key) {
        failures.remove(key);
    }

    /** Keys with failures in the window (for tests and the status page). */
    int size() {
        return failures.size();
    }

    void sweep() {
        long now = clock.millis();
        for (String key : failures.keySet()) {
            failures.computeIfPresent(key, (k, times) -> {
                prune(times, now);
                return times.isEmpty() ? null : times;
            });
        }
    }

    private void prune(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.removeFirst();
        }
    }
}
