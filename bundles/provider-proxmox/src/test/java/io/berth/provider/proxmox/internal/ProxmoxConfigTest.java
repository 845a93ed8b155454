package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.VmSpec;
import io.berth.api.hypervisor.VmSpec.NetworkConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProxmoxConfigTest {

    private static final VmSpec SPEC = new VmSpec("srv-1", "web-1", "pve1/9000", true, 4, 4096, 20,
            new NetworkConfig("10.10.0.12", 24, "10.10.0.1", List.of("1.1.1.1", "9.9.9.9")), "alice",
            List.of("ssh-ed25519 AAAAC3Nz+/= alice@laptop"));

    @Test
    void aFreshCloneGetsEverything() {
        VmConfig clone = new VmConfig(Map.of("name", "web-1", "cores", "1", "memory", "2048", "tags", "debian",
                "description", ServerMarker.description("srv-1"), "digest", "d1"));

        Map<String, String> changes = ProxmoxConfig.changes(clone, SPEC);

        assertThat(changes).containsEntry("cores", "4").containsEntry("memory", "4096").containsEntry("agent", "1")
                .containsEntry("ciuser", "alice").containsEntry("ipconfig0", "ip=10.10.0.12/24,gw=10.10.0.1")
                .containsEntry("nameserver", "1.1.1.1 9.9.9.9").containsEntry("tags", "debian;berth")
                .containsEntry("sshkeys", CloudInit.encodeSshKeys(SPEC.sshKeys()))
                .doesNotContainKeys("name", "description", "digest");
    }

    @Test
    void applyingTheChangesLeavesNothingToDo() {
        Map<String, String> values = new HashMap<>(Map.of("name", "old", "memory", "current=512"));
        values.putAll(ProxmoxConfig.changes(new VmConfig(values), SPEC));

        assertThat(ProxmoxConfig.changes(new VmConfig(values), SPEC)).isEmpty();
        assertThat(ServerMarker.serverId(values.get("description"))).contains("srv-1");
    }

    @Test
    void readsPropertyStringValues() {
        assertThat(ProxmoxConfig.memoryMb("current=4096")).isEqualTo(4096);
        assertThat(ProxmoxConfig.memoryMb("2048")).isEqualTo(2048);
        assertThat(ProxmoxConfig.agentEnabled("enabled=1,fstrim_cloned_disks=1")).isTrue();
        assertThat(ProxmoxConfig.agentEnabled("1")).isTrue();
        assertThat(ProxmoxConfig.agentEnabled("0")).isFalse();
        assertThat(ProxmoxConfig.agentEnabled(null)).isFalse();
    }
}
