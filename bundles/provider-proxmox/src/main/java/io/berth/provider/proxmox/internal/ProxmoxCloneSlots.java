package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits how many clones this provider runs at once, by what they load:
 * <ul>
 * <li>per node-local storage (LVM, LVM-thin, ZFS, directory): parallel allocations on one such
 * storage time out on its per-node lock ({@code can't lock file '/var/lock/pve-manager/pve-storage-…'});</li>
 * <li>per shared storage (RBD/Ceph, NFS, …): Proxmox itself serialises allocations there with a
 * cluster-wide lock and a linked clone copies nothing, so by default there is no limit;</li>
 * <li>per node, full clones only: each copies whole disks through that node.</li>
 * </ul>
 * A slot is taken before the clone request and held until its task is seen finished: when the
 * scheduler polls the task, when a clone finding no slot checks the held tasks itself, or at the
 * latest after the hold time. A clone that finds no free slot within the slot wait (0 by default:
 * no thread waits) is answered {@link ProviderException#busy busy}: the job asks again after the
 * retry delay, which is not a failed attempt.
 */
final class ProxmoxCloneSlots {

    /** Answers whether a clone task has ended. */
    @FunctionalInterface
    interface TaskProbe {
        boolean finished(String upid) throws ProviderException;
    }

    /**
     * Clones at once, 0 for no limit.
     *
     * @param perNode full clones per node
     * @param perLocalStorage clones onto one node-local storage of one node
     * @param perSharedStorage clones onto one shared storage, cluster-wide
     */
    record Limits(int perNode, int perLocalStorage, int perSharedStorage) {
    }

    /**
     * Where a clone goes.
     *
     * @param storage the storage its disks are allocated on, {@code null} when unknown
     * @param shared whether that storage is shared (one lock for the cluster)
     * @param full a full clone (copies the disks) rather than a linked one
     */
    record Target(String node, String storage, boolean shared, boolean full) {

        /** Proxmox locks a shared storage cluster-wide and a local one per node; the key follows suit. */
        String storageKey() {
            return storage == null ? null : shared ? storage : node + "/" + storage;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxCloneSlots.class);
    private static final Duration PROBE_EVERY = Duration.ofMillis(500);
    private static final long WAIT_STEP_MS = 100;

    private final Limits limits;
    private final Duration hold;
    private final Clock clock;
    private final List<Slot> slots = new ArrayList<>(); // guarded by this
    private final Map<String, Instant> probed = new HashMap<>(); // guarded by this: when held tasks were last checked

    ProxmoxCloneSlots(Limits limits, Duration hold, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.hold = Objects.requireNonNull(hold, "hold");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes a slot for the clone, waiting at most {@code wait} in this thread.
     *
     * @param retryAfter when no slot is free: how long the caller should wait before asking again
     * @throws ProviderException {@link ProviderException#busy busy} when no slot is free
     */
    Slot acquire(Target target, Duration wait, Duration retryAfter, TaskProbe probe) throws ProviderException {
        Instant deadline = clock.instant().plus(wait);
        while (true) {
            synchronized (this) {
                expire();
                if (fits(target)) {
                    Slot slot = new Slot(target, clock.instant());
                    slots.add(slot);
                    return slot;
                }
            }
            if (releaseFinished(target, probe)) {
                continue;
            }
            long left = Duration.between(clock.instant(), deadline).toMillis();
            if (left <= 0) {
                throw ProviderException.busy(busyText(target), jitter(retryAfter));
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

    /** Clones running on the node (any kind), or onto the storage key, or both; {@code null} matches all. */
    synchronized int count(String node, String storageKey) {
        return (int) slots.stream().filter(s -> (node == null || node.equals(s.target.node()))
                && (storageKey == null || storageKey.equals(s.target.storageKey()))).count();
    }

    private synchronized int fullClones(String node) {
        return (int) slots.stream().filter(s -> s.target.full() && node.equals(s.target.node())).count();
    }

    private int storageLimit(Target target) {
        return target.shared() ? limits.perSharedStorage() : limits.perLocalStorage();
    }

    private boolean fits(Target target) {
        boolean nodeOk = !target.full() || limits.perNode() <= 0 || fullClones(target.node()) < limits.perNode();
        int storageLimit = storageLimit(target);
        boolean storageOk = target.storage() == null || storageLimit <= 0
                || count(null, target.storageKey()) < storageLimit;
        return nodeOk && storageOk;
    }

    private void expire() {
        Instant oldest = clock.instant().minus(hold);
        if (slots.removeIf(s -> s.since.isBefore(oldest))) {
            LOG.warn("proxmox clone slots expired without a finished task holdSeconds={}", hold.toSeconds());
        }
    }

    /**
     * Checks the tasks holding the slots this clone competes for (at most every 500
     * ms per key, however many clones wait), outside the lock; whether one turned out finished.
     */
    private boolean releaseFinished(Target target, TaskProbe probe) throws ProviderException {
        String key = target.node() + "|" + target.storageKey();
        List<Slot> held;
        synchronized (this) {
            Instant now = clock.instant();
            Instant last = probed.get(key);
            if (last != null && now.isBefore(last.plus(PROBE_EVERY))) {
                return false;
            }
            probed.put(key, now);
            held = slots.stream().filter(s -> s.upid != null && competes(s.target, target)).toList();
        }
        boolean freed = false;
        for (Slot slot : held) {
            if (probe.finished(slot.upid)) {
                finished(slot.upid);
                freed = true;
            }
        }
        return freed;
    }

    private static boolean competes(Target held, Target wanted) {
        return wanted.full() && held.full() && held.node().equals(wanted.node())
                || wanted.storage() != null && Objects.equals(held.storageKey(), wanted.storageKey());
    }

    private String busyText(Target target) {
        String text = "all clone slots taken (";
        if (target.full() && limits.perNode() > 0) {
            text += "node " + target.node() + ": " + fullClones(target.node()) + "/" + limits.perNode()
                    + " full clones, ";
        }
        text += "storage " + (target.storage() == null ? "-" : target.storageKey() + ": "
                + count(null, target.storageKey()) + "/" + limitText(storageLimit(target)))
                + "); asking again shortly";
        return text;
    }

    /** Spreads the clones that were refused together over the retry delay, up to half of it more. */
    private static Duration jitter(Duration retryAfter) {
        long ms = retryAfter.toMillis();
        return Duration.ofMillis(ms + (ms <= 1 ? 0 : ThreadLocalRandom.current().nextLong(ms / 2 + 1)));
    }

    private static String limitText(int limit) {
        return limit <= 0 ? "unlimited" : String.valueOf(limit);
    }

    /** One running (or about to run) clone. */
    static final class Slot {
        private final Target target;
        private final Instant since;
        private String upid; // guarded by the ProxmoxCloneSlots

        private Slot(Target target, Instant since) {
            this.target = target;
            this.since = since;
        }
    }
}
