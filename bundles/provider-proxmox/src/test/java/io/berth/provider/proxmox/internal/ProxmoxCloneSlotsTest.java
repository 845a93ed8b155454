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

    private final Set<String> finished = new HashSet<>();
    private final ProxmoxCloneSlots.TaskProbe probe = finished::contains;

    @Test
    void limitsClonesPerNodeAndPerStorage() throws Exception {
        ProxmoxCloneSlots slots = new ProxmoxCloneSlots(2, 1, Duration.ofHours(1), Clock.systemUTC());

        ProxmoxCloneSlots.Slot a = slots.acquire("pve1", "local-lvm", Duration.ZERO, probe);
        slots.acquire("pve1", "ceph", Duration.ZERO, probe);
        ProviderException nodeFull = catchThrowableOfType(
                () -> slots.acquire("pve1", "nfs", Duration.ofMillis(50), probe), ProviderException.class);
        ProviderException storageFull = catchThrowableOfType(
                () -> slots.acquire("pve2", "local-lvm", Duration.ZERO, probe), ProviderException.class);

        assertThat(nodeFull.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(nodeFull.getMessage()).contains("clone limit reached").contains("node pve1: 2/2");
        assertThat(storageFull.kind()).isEqualTo(Kind.TRANSIENT);
        slots.release(a);
        assertThat(slots.acquire("pve2", "local-lvm", Duration.ZERO, probe)).isNotNull();
    }

    @Test
    void aFinishedTaskFreesItsSlot() throws Exception {
        ProxmoxCloneSlots slots = new ProxmoxCloneSlots(1, 0, Duration.ofHours(1), Clock.systemUTC());
        slots.bind(slots.acquire("pve1", "local", Duration.ZERO, probe), "UPID:a");

        slots.finished("UPID:a");

        assertThat(slots.acquire("pve1", "local", Duration.ZERO, probe)).isNotNull();
    }

    @Test
    void aWaitingCloneChecksTheHeldTasks() throws Exception {
        ProxmoxCloneSlots slots = new ProxmoxCloneSlots(1, 0, Duration.ofHours(1), Clock.systemUTC());
        slots.bind(slots.acquire("pve1", "local", Duration.ZERO, probe), "UPID:a");
        finished.add("UPID:a"); // ended, but nobody polled it

        assertThat(slots.acquire("pve1", "local", Duration.ofSeconds(2), probe)).isNotNull();
        assertThat(slots.count("pve1", null)).isEqualTo(1);
    }

    @Test
    void waitsForASlotToFreeUp() throws Exception {
        ProxmoxCloneSlots slots = new ProxmoxCloneSlots(1, 0, Duration.ofHours(1), Clock.systemUTC());
        ProxmoxCloneSlots.Slot held = slots.acquire("pve1", null, Duration.ZERO, probe);
        Thread releaser = new Thread(() -> {
            sleep(200);
            slots.release(held);
        });
        releaser.start();

        assertThat(slots.acquire("pve1", null, Duration.ofSeconds(5), probe)).isNotNull();
        releaser.join();
    }

    @Test
    void forgottenSlotsExpire() throws Exception {
        TestSupport.MutableClock clock = new TestSupport.MutableClock();
        ProxmoxCloneSlots slots = new ProxmoxCloneSlots(1, 0, Duration.ofMinutes(30), clock);
        slots.acquire("pve1", null, Duration.ZERO, probe);

        clock.advance(Duration.ofMinutes(31));

        assertThat(slots.acquire("pve1", null, Duration.ZERO, probe)).isNotNull();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
