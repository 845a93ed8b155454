package io.berth.scheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to look again at something that takes a while (a clone, resize or start task, the guest
 * agent's first answer), learned per kind: the first look after a wait comes shortly before the
 * time such waits took lately (however long that is), then looks follow every thirty-second of that
 * time until twice it has passed, then every eighth of the time waited so far; never more often
 * than every {@code min}, nor less often than every {@code max}. Until one such wait ended it looks
 * every {@code max} (the configured task poll interval), but not before it has waited nine tenths of
 * what the oldest such wait still going has waited (none ended sooner; at most {@link #FLOOR_CAP}):
 * the first waits of a burst are looked at every {@code max}, the ones that began later less often.
 * The learned time is the middle between the last look that still saw it running and the look that
 * saw it done, so late looks do not make it drift upwards.
 *
 * <p>Kept in memory only: after a restart, or on another node, a wait simply starts without a
 * learned time. What a step does never depends on it, only when the job runs again.
 */
final class Pacing {

    private static final double EARLY = 0.9;
    private static final double WEIGHT = 0.3;
    private static final int MAX_WATCHED = 20_000;
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** The longest a wait of a kind never seen ended is held back by older waits of its kind. */
    static final Duration FLOOR_CAP = Duration.ofSeconds(10);

    private final Duration min;
    private final Duration max;
    private final Clock clock;
    private final Map<String, Long> learnedNanos = new ConcurrentHashMap<>();
    private final Map<String, Watch> watched = new ConcurrentHashMap<>();

    Pacing(Duration min, Duration max, Clock clock) {
        this.max = Objects.requireNonNull(max, "max");
        this.min = min.compareTo(max) > 0 ? max : min;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The pacing of a scheduler: looks at most every task poll interval, at least every 200 ms. */
    static Pacing of(Settings settings, Clock clock) {
        return new Pacing(Duration.ofMillis(200), settings.taskPollInterval(), clock);
    }

    /**
     * The thing ({@code id}) of that kind is still not done: how long to wait before looking again.
     *
     * @param since when the wait began, if known (else the first look in this runtime)
     */
    Duration stillWaiting(String kind, String id, Instant since) {
        Instant now = clock.instant();
        Watch watch = watched.compute(key(kind, id), (k, w) -> w != null ? w.runningAt(now)
                : new Watch(since != null ? since : now, now, null));
        if (watched.size() > MAX_WATCHED) {
            watched.values().removeIf(w -> w.lastRunning().isBefore(now.minus(FORGET_AFTER)));
        }
        Duration waited = Duration.between(watch.since(), now);
        Long learned = learnedNanos.get(kind);
        if (learned == null) {
            // nothing of the kind ended yet: it takes at least as long as the oldest such wait has lasted
            Duration untilOldestAge = floor(kind, now).multipliedBy(9).dividedBy(10).minus(waited);
            return untilOldestAge.compareTo(max) > 0 ? untilOldestAge : max;
        }
        Duration firstLook = Duration.ofNanos((long) (learned * EARLY));
        if (waited.compareTo(firstLook) < 0) {
            // looking before such waits usually end finds nothing: the max applies from then on
            Duration untilFirstLook = firstLook.minus(waited);
            return untilFirstLook.compareTo(min) < 0 ? min : untilFirstLook;
        }
        if (waited.compareTo(Duration.ofNanos(learned * 2)) < 0) {
            // around the time such waits take: close looks, so the end is seen soon after it comes
            return clamp(Duration.ofNanos(learned / 32));
        }
        return clamp(waited.dividedBy(8)); // overdue: back off
    }

    /**
     * How long the oldest wait of the kind still going has lasted, at most {@link #FLOOR_CAP}: a lower
     * bound of the kind's time before any ended (capped, since one wait that never ends, a guest
     * without an agent, must not hold back the others' looks for long).
     */
    private Duration floor(String kind, Instant now) {
        String prefix = kind + "|";
        Instant oldest = now;
        for (Map.Entry<String, Watch> e : watched.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue().since().isBefore(oldest)) {
                oldest = e.getValue().since();
            }
        }
        Duration age = Duration.between(oldest, now);
        return age.compareTo(FLOOR_CAP) > 0 ? FLOOR_CAP : age;
    }

    /** The thing is done: learn how long it took, forget it. */
    void done(String kind, String id, Instant since) {
        Instant now = clock.instant();
        Watch watch = watched.remove(key(kind, id));
        Instant began = watch != null ? watch.since() : since;
        if (began == null) {
            return;
        }
        Instant lastRunning = watch != null ? watch.lastRunning() : now; // never seen running: done by now
        long took = Duration.between(began, lastRunning).toNanos() / 2 + Duration.between(began, now).toNanos() / 2;
        if (took <= 0) {
            return;
        }
        learnedNanos.merge(kind, took, (old, sample) -> (long) (old * (1 - WEIGHT) + sample * WEIGHT));
    }

    /** The wait ended in another way (failed, gave up): forget it, learn nothing. */
    void forget(String kind, String id) {
        watched.remove(key(kind, id));
    }

    /**
     * Whether a costlier look at the thing besides the usual one (a silent guest's power state) is due:
     * the first time asked, then at most every {@code every}. Kept with the wait ({@code since}: when it
     * began, if known) and forgotten with it.
     */
    boolean extraLookDue(String kind, String id, Instant since, Duration every) {
        Instant now = clock.instant();
        boolean[] due = new boolean[1];
        watched.compute(key(kind, id), (k, w) -> {
            Instant last = w == null ? null : w.lastExtraLook();
            if (last != null && now.isBefore(last.plus(every))) {
                return w;
            }
            due[0] = true;
            return w != null ? w.extraLookAt(now) : new Watch(since != null ? since : now, now, now);
        });
        return due[0];
    }

    /**
     * How long a wait of the kind can be expected to take at least: the learned time, or, before one
     * ended, how long the oldest such wait still going has lasted (capped like the looks' floor);
     * zero when nothing of the kind is known.
     */
    Duration expected(String kind) {
        Long nanos = learnedNanos.get(kind);
        return nanos != null ? Duration.ofNanos(nanos) : floor(kind, clock.instant());
    }

    /** The learned time of that kind, if any. */
    Duration learned(String kind) {
        Long nanos = learnedNanos.get(kind);
        return nanos == null ? null : Duration.ofNanos(nanos);
    }

    private Duration clamp(Duration d) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    private static String key(String kind, String id) {
        return kind + "|" + id;
    }

    /** A wait: when it began, when it was last seen still going, when it last had an extra look (or null). */
    private record Watch(Instant since, Instant lastRunning, Instant lastExtraLook) {

        Watch runningAt(Instant at) {
            return new Watch(since, at, lastExtraLook);
        }

        Watch extraLookAt(Instant at) {
            return new Watch(since, lastRunning, at);
        }
    }
}
