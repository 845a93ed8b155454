package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.VmRef;

import java.util.List;

import org.junit.jupiter.api.Test;

class CodecsTest {

    @Test
    void taskHandlesRoundTrip() {
        TaskHandle h = new TaskHandle("pve1", "UPID:pve1:0004B2C1:01C2E8F4:6561A0B1:qmclone:100:root@pam:");
        assertThat(TaskHandles.encode(h)).isEqualTo("pve1/UPID:pve1:0004B2C1:01C2E8F4:6561A0B1:qmclone:100:root@pam:");
        assertThat(TaskHandles.decode(TaskHandles.encode(h))).isEqualTo(h);
        assertThat(TaskHandles.decode("n/a/b")).isEqualTo(new TaskHandle("n", "a/b"));
        assertThatThrownBy(() -> TaskHandles.decode("nonode")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void placementsRoundTrip() {
        Placement p = new Placement(new VmRef("pve2", "123"), "local-lvm");
        assertThat(Placements.handle(p)).isEqualTo("pve2/123 storage=local-lvm");
        assertThat(Placements.placement(Placements.handle(p))).isEqualTo(p);
        Placement noStorage = new Placement(new VmRef("pve2", "123"), null);
        assertThat(Placements.placement(Placements.handle(noStorage))).isEqualTo(noStorage);
        assertThat(Placements.vm("pve2/123 storage=x")).isEqualTo(new VmRef("pve2", "123"));
        assertThat(Placements.avoid(Placements.outcome(List.of("100", "101")))).containsExactly("100", "101");
        assertThat(Placements.avoid("avoid=")).isEmpty();
        assertThat(Placements.avoid(null)).isEmpty();
    }
}
