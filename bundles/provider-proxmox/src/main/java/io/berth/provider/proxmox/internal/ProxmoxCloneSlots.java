package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits how many clones this provider runs at once per node and per storage (parallel clones onto
 * one LVM/ZFS storage time out on its lock). A slot is taken before the clone request and held until
 * its task is seen finished: when the scheduler polls the task, when a waiting clone checks the held
 * tasks itself, or at the latest after the hold time. A clone that finds no free slot within the
 * slot wait fails as TRANSIENT, so the scheduler retries it later instead of blocking a thread.
 */
final class ProxmoxCloneSlots {

    /** Answers whether a clone task has ended. */
    @FunctionalInterface
    interface TaskProbe {
        boolean finished(String upid) throws ProviderException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxCloneSlots.class);
    private static final Duration PROBE_EVERY = Duration.ofMillis(500);
    private static final long WAIT_STEP_MS = 100;

    private final int perNode;
    private final int perStorage;
    private final Duration hold;
    private final Clock clock;
    private final List<Slot> slots = new ArrayList<>(); // guarded by this

    /** @param perNode at most this many clones per node, 0 for no limit; likewise {@code perStorage} */
    ProxmoxCloneSlots(int perNode, int perStorage, Duration hold, Clock clock) {
        this.perNode = perNode;
        this.perStorage = perStorage;
        this.hold = Objects.requireNonNull(hold, "hold");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Slot acquire(String node, String storage, Duration wait, TaskProbe probe) throws ProviderException {
        Instant deadline = clock.instant().plus(wait);
        Instant nextProbe = clock.instant();
        while (true) {
            synchronized (this) {
                expire();
                if (fits(node, storage)) {
                    Slot slot = new Slot(node, storage, clock.instant());
                    slots.add(slot);
                    return slot;
                }
            }
            if (!clock.instant().isBefore(nextProbe)) {
                releaseFinished(node, storage, probe);
                nextProbe = clock.instant().plus(PROBE_EVERY);
                continue;
            }
            long left = Duration.between(clock.instant(), deadline).toMillis();
            if (left <= 0) {
                throw new ProviderException(Kind.TRANSIENT, "clone limit reached (node " + node + ": " + count(node, null)
                        + "/" + limitText(perNode) + ", storage " + storage + ": " + count(null, storage) + "/"
                        + limitText(perStorage) + "); try again later");
            }
            synchronized (this) {
                try {
                    wait(Math.min(left, WAIT_STEP_MS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProviderException(Kind.TRANSIENT, "interrupted while waiting for a clone slot", e);
                }
            }
        }
    }

    /** Ties a slot to the clone task that now runs in it. */
    synchronized void bind(Slot slot, String upid) {
        slot.upid = upid;
    }

    synchronized void release(Slot slot) {
        if (slots.remove(slot)) {
            notifyAll();
        }
    }

    /** The clone task ended: its slot is free. */
    synchronized void finished(String upid) {
        if (slots.removeIf(s -> upid.equals(s.upid))) {
            notifyAll();
        }
    }

    synchronized int count(String node, String storage) {
        return (int) slots.stream().filter(s -> (node == null || node.equals(s.node))
                && (storage == null || storage.equals(s.storage))).count();
    }

    private boolean fits(String node, String storage) {
        return (perNode <= 0 || count(node, null) < perNode)
                && (perStorage <= 0 || storage == null || count(null, storage) < perStorage);
    }

    private void expire() {
        Instant oldest = clock.instant().minus(hold);
        if (slots.removeIf(s -> s.since.isBefore(oldest))) {
            LOG.warn("proxmox clone slots expired without a finished task holdSeconds={}", hold.toSeconds());
        }
    }

    private void releaseFinished(String node, String storage, TaskProbe probe) throws ProviderException {
        List<Slot> held;
        synchronized (this) {
            held = slots.stream().filter(s -> s.upid != null && (node.equals(s.node) || storage != null
                    && storage.equals(s.storage))).toList();
        }
        for (Slot slot : held) {
            if (probe.finished(slot.upid)) {
                finished(slot.upid);
            }
        }
    }

    private static String limitText(int limit) {
        return limit <= 0 ? "unlimited" : String.valueOf(limit);
    }

    /** One running (or about to run) clone. */
    static final class Slot {
        private final String node;
        private final String storage;
        private final Instant since;
        private String upid; // guarded by the ProxmoxCloneSlots

        private Slot(String node, String storage, Instant since) {
            this.node = node;
            this.storage = storage;
            this.since = since;
        }
    }
}
