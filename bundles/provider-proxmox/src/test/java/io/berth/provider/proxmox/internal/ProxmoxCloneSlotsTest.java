package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ProxmoxCloneSlotsTest {

    private static final Duration RETRY = Duration.ofMillis(1000);

    private final Set<String> finished = new HashSet<>();
    private final ProxmoxCloneSlots.TaskProbe probe = finished::contains;

    private static ProxmoxCloneSlots slots(int perNode, int perLocal, int perShared) {
        return new ProxmoxCloneSlots(new ProxmoxCloneSlots.Limits(perNode, perLocal, perShared), Duration.ofHours(1),
                Clock.systemUTC());
    }

    private static ProxmoxCloneSlots.Target local(String node, String storage, boolean full) {
        return new ProxmoxCloneSlots.Target(node, storage, false, full);
    }

    private static ProxmoxCloneSlots.Target shared(String node, String storage, boolean full) {
        return new ProxmoxCloneSlots.Target(node, storage, true, full);
    }

    private ProxmoxCloneSlots.Slot take(ProxmoxCloneSlots slots, ProxmoxCloneSlots.Target target) throws Exception {
        return slots.acquire(target, Duration.ZERO, RETRY, probe);
    }

    @Test
    void limitsFullClonesPerNodeAndClonesPerLocalStorage() throws Exception {
        ProxmoxCloneSlots slots = slots(2, 1, 0);

        ProxmoxCloneSlots.Slot a = take(slots, local("pve1", "local-lvm", true));
        take(slots, shared("pve1", "ceph", true));
        ProviderException nodeFull = catchThrowableOfType(() -> take(slots, shared("pve1", "nfs", true)),
                ProviderException.class);
        ProviderException storageFull = catchThrowableOfType(() -> take(slots, local("pve1", "local-lvm", false)),
                ProviderException.class);

        assertThat(nodeFull.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(nodeFull.getMessage()).contains("all clone slots taken").contains("node pve1: 2/2 full clones");
        assertThat(storageFull.getMessage()).contains("storage pve1/local-lvm: 1/1");
        // the local storage of another node is another lock
        assertThat(take(slots, local("pve2", "local-lvm", true))).isNotNull();
        slots.release(a);
        assertThat(take(slots, local("pve1", "local-lvm", false))).isNotNull();
    }

    @Test
    void aFullSlotAnswersBusyAtOnceWithARetryDelayInsteadOfBlocking() throws Exception {
        ProxmoxCloneSlots slots = slots(0, 1, 0);
        take(slots, local("pve1", "local-lvm", false));

        long started = System.nanoTime();
        ProviderException busy = catchThrowableOfType(() -> take(slots, local("pve1", "local-lvm", false)),
                ProviderException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
        assertThat(busy.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(RETRY, RETRY.multipliedBy(3).dividedBy(2)));
        assertThat(busy.retryable()).isTrue();
    }

    @Test
    void sharedStorageIsUnlimitedByDefaultAndLinkedClonesDoNotCountPerNode() throws Exception {
        ProxmoxCloneSlots slots = slots(2, 2, 0);

        for (int i = 0; i < 200; i++) {
            take(slots, shared("pve" + (1 + i % 3), "ceph-vm", false));
        }

        assertThat(slots.count(null, "ceph-vm")).isEqualTo(200);
        assertThat(take(slots, local("pve1", "local-lvm", true))).as("full clones have their own node limit").isNotNull();
    }

    @Test
    void aSharedStorageLimitIsClusterWide() throws Exception {
        ProxmoxCloneSlots slots = slots(0, 0, 2);
        take(slots, shared("pve1", "ceph-vm", false));
        take(slots, shared("pve2", "ceph-vm", false));

        ProviderException busy = catchThrowableOfType(() -> take(slots, shared("pve3", "ceph-vm", false)),
                ProviderException.class);

        assertThat(busy.getMessage()).contains("storage ceph-vm: 2/2");
        assertThat(busy.retryAfter()).isPresent();
    }

    @Test
    void aFinishedTaskFreesItsSlot() throws Exception {
        ProxmoxCloneSlots slots = slots(1, 0, 0);
        slots.bind(take(slots, local("pve1", "local", true)), "UPID:a");

        slots.finished("UPID:a");

        assertThat(take(slots, local("pve1", "local", true))).isNotNull();
    }

    @Test
    void aCloneFindingNoSlotChecksTheHeldTasks() throws Exception {
        ProxmoxCloneSlots slots = slots(1, 0, 0);
        slots.bind(take(slots, local("pve1", "local", true)), "UPID:a");
        finished.add("UPID:a"); // ended, but nobody polled it

        assertThat(take(slots, local("pve1", "local", true))).isNotNull();
        assertThat(slots.count("pve1", null)).isEqualTo(1);
    }

    @Test
    void waitsForASlotToFreeUpWhenConfiguredToWait() throws Exception {
        ProxmoxCloneSlots slots = slots(1, 0, 0);
        ProxmoxCloneSlots.Slot held = take(slots, local("pve1", null, true));
        Thread releaser = new Thread(() -> {
            sleep(200);
            slots.release(held);
        });
        releaser.start();

        assertThat(slots.acquire(local("pve1", null, true), Duration.ofSeconds(5), RETRY, probe)).isNotNull();
        releaser.join();
    }

    @Test
    void forgottenSlotsExpire() throws Exception {
        TestSupport.MutableClock clock = new TestSupport.MutableClock();
        ProxmoxCloneSlots slots = new ProxmoxCloneSlots(new ProxmoxCloneSlots.Limits(1, 0, 0), Duration.ofMinutes(30),
                clock);
        take(slots, local("pve1", null, true));

        clock.advance(Duration.ofMinutes(31));

        assertThat(take(slots, local("pve1", null, true))).isNotNull();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
