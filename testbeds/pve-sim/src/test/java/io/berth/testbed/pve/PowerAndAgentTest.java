package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.testbed.pve.support.ApiResponse;
import io.berth.testbed.pve.support.PveClient;
import io.berth.testbed.pve.support.StatusLine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Power tasks, status/current, the guest agent's start-up window, resize and destroy. */
class PowerAndAgentTest {

    private static PveSimulator sim;
    private PveClient api;

    @BeforeAll
    static void start() {
        sim = PveSimulator.start(SimOptions.builder().profile(LatencyProfile.FAST)
                .latencies(LatencyProfile.FAST.latencies().toBuilder().agentStartup(Duration.ofMillis(700)).build())
                .build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void freshVm() {
        sim.reset();
        api = PveClient.withToken(sim);
        assertThat(api.exitStatus(api.post("/nodes/pve1/qemu/9001/clone",
                Map.of("newid", "400", "full", "1", "name", "app-1")).data().asText())).isEqualTo("OK");
    }

    private String task(String method, String path, Map<String, String> params) {
        ApiResponse r = api.send(method, path, params);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return api.exitStatus(r.data().asText());
    }

    @Test
    void startThenAgentReportsTheConfiguredAddressAfterBooting() throws Exception {
        assertThat(api.put("/nodes/pve1/qemu/400/config", Map.of("ipconfig0", "ip=10.20.0.5/24,gw=10.20.0.1")).status())
                .isEqualTo(200);
        String mac = api.get("/nodes/pve1/qemu/400/config").data().get("net0").asText().substring("virtio=".length(), 24);
        assertThat(task("POST", "/nodes/pve1/qemu/400/status/start", Map.of())).isEqualTo("OK");

        JsonNode status = api.get("/nodes/pve1/qemu/400/status/current").data();
        assertThat(status.get("status").asText()).isEqualTo("running");
        assertThat(status.get("qmpstatus").asText()).isEqualTo("running");
        assertThat(status.get("agent").asInt()).isEqualTo(1);
        assertThat(status.get("pid").asLong()).isPositive();
        assertThat(status.get("maxmem").asLong()).isEqualTo(1024L * 1024 * 1024);

        ApiResponse early = api.get("/nodes/pve1/qemu/400/agent/network-get-interfaces");
        assertThat(early.status()).isEqualTo(500);
        assertThat(early.message()).isEqualTo("QEMU guest agent is not running");
        assertThat(StatusLine.fetch(sim, "GET", "/nodes/pve1/qemu/400/agent/network-get-interfaces",
                Map.of("Authorization", StatusLine.tokenHeader(sim)), null))
                .isEqualTo("HTTP/1.1 500 QEMU guest agent is not running");

        JsonNode result = null;
        for (int i = 0; i < 100 && result == null; i++) {
            ApiResponse r = api.get("/nodes/pve1/qemu/400/agent/network-get-interfaces");
            if (r.ok()) {
                result = r.data().get("result");
            } else {
                PveClient.sleep(50);
            }
        }
        assertThat(result).isNotNull();
        JsonNode eth0 = result.get(1);
        assertThat(eth0.get("name").asText()).isEqualTo("eth0");
        assertThat(eth0.get("hardware-address").asText()).isEqualTo(mac.toLowerCase(java.util.Locale.ROOT));
        assertThat(eth0.get("ip-addresses").get(0).get("ip-address").asText()).isEqualTo("10.20.0.5");
        assertThat(eth0.get("ip-addresses").get(0).get("prefix").asInt()).isEqualTo(24);
        assertThat(result.get(0).get("name").asText()).isEqualTo("lo");
    }

    @Test
    void cloudInitChangesWhileRunningApplyOnlyAfterReboot() {
        assertThat(task("POST", "/nodes/pve1/qemu/400/status/start", Map.of())).isEqualTo("OK");
        assertThat(api.put("/nodes/pve1/qemu/400/config", Map.of("ipconfig0", "ip=10.30.0.9/16")).status()).isEqualTo(200);
        assertThat(sim.state().vm(400).orElseThrow().pending()).containsKey("ipconfig0");
        assertThat(task("POST", "/nodes/pve1/qemu/400/status/reboot", Map.of())).isEqualTo("OK");
        JsonNode result = waitForAgent(400);
        assertThat(result.get(1).get("ip-addresses").get(0).get("ip-address").asText()).isEqualTo("10.30.0.9");
    }

    private JsonNode waitForAgent(int vmid) {
        for (int i = 0; i < 100; i++) {
            ApiResponse r = api.get("/nodes/pve1/qemu/" + vmid + "/agent/network-get-interfaces");
            if (r.ok()) {
                return r.data().get("result");
            }
            PveClient.sleep(50);
        }
        throw new AssertionError("agent never came up");
    }

    @Test
    void agentErrorsForStoppedOrUnconfiguredGuests() {
        assertThat(api.get("/nodes/pve1/qemu/400/agent/network-get-interfaces").message()).isEqualTo("VM 400 is not running");
        assertThat(api.put("/nodes/pve1/qemu/400/config", Map.of("agent", "0")).status()).isEqualTo(200);
        assertThat(api.get("/nodes/pve1/qemu/400/agent/network-get-interfaces").message())
                .isEqualTo("No QEMU guest agent configured");
    }

    @Test
    void powerTaskErrorsUsePveTexts() {
        assertThat(task("POST", "/nodes/pve1/qemu/9001/status/start", Map.of()))
                .isEqualTo("you can't start a vm if it's a template");
        ApiResponse reboot = api.post("/nodes/pve1/qemu/400/status/reboot", Map.of());
        assertThat(reboot.status()).isEqualTo(500);
        assertThat(reboot.message()).isEqualTo("VM 400 not running");
        assertThat(task("POST", "/nodes/pve1/qemu/400/status/reset", Map.of())).isEqualTo("VM 400 not running");
        assertThat(task("POST", "/nodes/pve1/qemu/400/status/start", Map.of())).isEqualTo("OK");
        assertThat(task("POST", "/nodes/pve1/qemu/400/status/start", Map.of())).isEqualTo("VM 400 already running");
        assertThat(task("POST", "/nodes/pve1/qemu/400/status/shutdown", Map.of())).isEqualTo("OK");
        assertThat(sim.state().vm(400).orElseThrow().status()).isEqualTo("stopped");
        assertThat(task("POST", "/nodes/pve1/qemu/400/status/stop", Map.of())).isEqualTo("OK");
    }

    @Test
    void startFailsWhenTheNodeIsOutOfMemory() {
        assertThat(api.put("/nodes/pve1/qemu/400/config", Map.of("memory", "300000")).status()).isEqualTo(200);
        String upid = api.post("/nodes/pve1/qemu/400/status/start", Map.of()).data().asText();
        assertThat(api.exitStatus(upid)).isEqualTo("start failed: QEMU exited with code 1");
        assertThat(sim.state().task(upid).orElseThrow().log())
                .contains("kvm: cannot set up guest memory 'pc.ram': Cannot allocate memory");
    }

    @Test
    void resizeGrowsAndRefusesToShrink() {
        assertThat(task("PUT", "/nodes/pve1/qemu/400/resize", Map.of("disk", "scsi0", "size", "+2G"))).isEqualTo("OK");
        assertThat(api.get("/nodes/pve1/qemu/400/config").data().get("scsi0").asText()).contains("size=5G");
        assertThat(task("PUT", "/nodes/pve1/qemu/400/resize", Map.of("disk", "scsi0", "size", "20G"))).isEqualTo("OK");
        assertThat(api.get("/nodes/pve1/qemu/400/config").data().get("scsi0").asText()).contains("size=20G");
        assertThat(task("PUT", "/nodes/pve1/qemu/400/resize", Map.of("disk", "scsi0", "size", "10G")))
                .isEqualTo("shrinking disks is not supported");
        assertThat(task("PUT", "/nodes/pve1/qemu/400/resize", Map.of("disk", "scsi3", "size", "+1G")))
                .isEqualTo("disk 'scsi3' does not exist");
        ApiResponse badSize = api.put("/nodes/pve1/qemu/400/resize", Map.of("disk", "scsi0", "size", "-1G"));
        assertThat(badSize.errors().get("size").asText()).isEqualTo("value does not match the regex pattern");
    }

    @Test
    void destroyIsRefusedWhileRunningThenRemovesTheVm() {
        assertThat(task("POST", "/nodes/pve1/qemu/400/status/start", Map.of())).isEqualTo("OK");
        ApiResponse running = api.delete("/nodes/pve1/qemu/400", Map.of("purge", "1"));
        assertThat(running.status()).isEqualTo(500);
        assertThat(running.message()).isEqualTo("VM 400 is running - destroy failed");
        assertThat(task("POST", "/nodes/pve1/qemu/400/status/stop", Map.of())).isEqualTo("OK");
        String upid = api.delete("/nodes/pve1/qemu/400",
                Map.of("purge", "1", "destroy-unreferenced-disks", "1")).data().asText();
        assertThat(upid).contains(":qmdestroy:400:");
        assertThat(api.exitStatus(upid)).isEqualTo("OK");
        assertThat(sim.state().vm(400)).isEmpty();
        assertThat(api.get("/nodes/pve1/qemu/400/status/current").message())
                .isEqualTo("Configuration file 'nodes/pve1/qemu-server/400.conf' does not exist");
    }

    @Test
    void protectedVmsCannotBeDestroyed() {
        assertThat(api.put("/nodes/pve1/qemu/400/config", Map.of("protection", "1")).status()).isEqualTo(200);
        assertThat(api.delete("/nodes/pve1/qemu/400", Map.of()).message())
                .isEqualTo("can't remove VM 400 - protection mode enabled");
    }

    @Test
    void listAndResourcesShowTheGuests() {
        JsonNode list = api.get("/nodes/pve1/qemu").data();
        assertThat(list.findValuesAsText("vmid")).contains("400", "9000", "9001", "9002");
        JsonNode vms = api.get("/cluster/resources", Map.of("type", "vm")).data();
        assertThat(vms.findValuesAsText("id")).contains("qemu/400", "qemu/9000");
        JsonNode storage = api.get("/cluster/resources", Map.of("type", "storage")).data();
        assertThat(storage.findValuesAsText("id")).contains("storage/pve1/local-lvm", "storage/pve3/ceph-vm");
        assertThat(api.get("/cluster/resources", Map.of("type", "node")).data()).hasSize(3);
    }
}
