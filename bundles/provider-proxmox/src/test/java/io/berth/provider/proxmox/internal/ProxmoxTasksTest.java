package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.api.provider.ProviderException.Kind;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import org.junit.jupiter.api.Test;

class ProxmoxTasksTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void exitStatusDecidesSuccess() throws Exception {
        assertThat(ProxmoxTasks.status(json.readTree("{\"status\":\"running\"}")).state())
                .isEqualTo(TaskStatus.State.RUNNING);
        assertThat(ProxmoxTasks.status(json.readTree("{\"status\":\"stopped\",\"exitstatus\":\"OK\"}")).state())
                .isEqualTo(TaskStatus.State.SUCCEEDED);
        assertThat(ProxmoxTasks.status(json.readTree("{\"status\":\"stopped\",\"exitstatus\":\"WARNINGS: 2\"}")))
                .isEqualTo(new TaskStatus(TaskStatus.State.SUCCEEDED, "WARNINGS: 2"));
        assertThat(ProxmoxTasks.status(json.readTree(
                "{\"status\":\"stopped\",\"exitstatus\":\"clone failed: can't lock file '/var/lock/pve-manager/pve-storage-local-lvm' - got timeout\"}")))
                .satisfies(s -> {
                    assertThat(s.state()).isEqualTo(TaskStatus.State.FAILED);
                    assertThat(s.detail()).startsWith("clone failed");
                    assertThat(s.failure()).isEqualTo(Kind.LOCKED);
                    assertThat(s.retryable()).isTrue();
                });
        assertThat(ProxmoxTasks.status(json.readTree("{\"status\":\"stopped\",\"exitstatus\":"
                + "\"clone failed: cfs-lock 'storage-ceph-vm' error: got lock request timeout\"}")).failure())
                .isEqualTo(Kind.LOCKED);
        assertThat(ProxmoxTasks.status(json.readTree("{\"status\":\"stopped\",\"exitstatus\":"
                + "\"close (rename) atomic file '/etc/pve/nodes/pve1/qemu-server/104.conf' failed: File exists\"}")).failure())
                .isEqualTo(Kind.ALREADY_EXISTS);
        assertThat(ProxmoxTasks.status(json.readTree("{\"status\":\"stopped\",\"exitstatus\":"
                + "\"clone failed: copy failed: command '/usr/bin/qemu-img convert' failed: exit code 1\"}")))
                .satisfies(s -> {
                    assertThat(s.failure()).isEqualTo(Kind.PERMANENT);
                    assertThat(s.retryable()).isFalse();
                });
    }

    @Test
    void handlesUseTheNodeInTheUpid() throws Exception {
        String upid = "UPID:pve2:00000ACD:00006AE8:679A423B:qmclone:112:capmox@pve!capi:";

        TaskHandle handle = ProxmoxTasks.handle(TextNode.valueOf(upid), "pve1").orElseThrow();

        assertThat(handle).isEqualTo(new TaskHandle("pve2", upid));
        assertThat(Upid.parse(upid)).hasValueSatisfying(u -> {
            assertThat(u.type()).isEqualTo("qmclone");
            assertThat(u.id()).isEqualTo("112");
            assertThat(u.user()).isEqualTo("capmox@pve!capi");
        });
        assertThat(ProxmoxTasks.handle(json.readTree("null"), "pve1")).isEmpty();
    }

    @Test
    void completedHandlesSucceedWithoutAsking() throws Exception {
        TaskHandle done = ProxmoxTasks.completed("pve1", "clone:101");

        assertThat(new ProxmoxTasks(TestSupport.http(java.net.URI.create("http://127.0.0.1:1/api2/json"),
                ProxmoxAuth.none()), java.time.Clock.systemUTC(), java.time.Duration.ofMillis(10)).status(done).state())
                .isEqualTo(TaskStatus.State.SUCCEEDED);
    }
}
