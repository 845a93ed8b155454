package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.testbed.pve.support.ApiResponse;
import io.berth.testbed.pve.support.PveClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 200 provisions at once (the benchmark's load): clone, configure, start, wait for the agent's address. */
class ParallelProvisioningTest {

    private static final int SERVERS = 200;

    @Test
    void twoHundredParallelProvisionsAllSucceed() throws Exception {
        // A long keep-alive: this measures throughput, not the client's handling of pveproxy-style idle closes.
        try (PveSimulator sim = PveSimulator.start(SimOptions.builder().profile(LatencyProfile.FAST).seed(3)
                .keepAliveIdle(Duration.ofMinutes(2)).build())) {
            PveClient api = PveClient.withToken(sim).pollInterval(Duration.ofMillis(100));
            ExecutorService pool = Executors.newFixedThreadPool(SERVERS);
            long start = System.nanoTime();
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < SERVERS; i++) {
                int n = i;
                results.add(pool.submit(() -> provision(api, n)));
            }
            List<String> addresses = new ArrayList<>();
            for (Future<String> f : results) {
                addresses.add(f.get(90, TimeUnit.SECONDS));
            }
            pool.shutdown();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(addresses).hasSize(SERVERS).doesNotHaveDuplicates();
            assertThat(sim.state().vms()).filteredOn(vm -> !vm.template() && vm.status().equals("running")).hasSize(SERVERS);
            assertThat(sim.state().cloneRequests().values()).containsOnly(1);
            assertThat(sim.state().tasks()).allSatisfy(t -> assertThat(t.exitStatus()).isEqualTo("OK"));
            assertThat(took).isLessThan(Duration.ofSeconds(60));
        }
    }

    private static String provision(PveClient api, int n) {
        int vmid = 1000 + n;
        String target = "pve" + (1 + n % 3);
        String ip = "10.50." + (n / 250) + "." + (2 + n % 250);
        boolean full = n % 2 == 1;
        String clone = ok(api.post("/nodes/pve1/qemu/" + (9000 + n % 3) + "/clone", Map.of("newid", Integer.toString(vmid),
                "name", "bench-" + n, "full", full ? "1" : "0", "target", target))).asText();
        assertThat(api.exitStatus(clone)).isEqualTo("OK");
        String vm = "/nodes/" + target + "/qemu/" + vmid;
        String keys = URLEncoder.encode("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl bench",
                StandardCharsets.UTF_8).replace("+", "%20");
        String config = ok(api.post(vm + "/config", Map.of("cores", "2", "memory", "2048", "ciuser", "bench",
                "sshkeys", keys, "ipconfig0", "ip=" + ip + "/16,gw=10.50.0.1", "tags", "berth;bench"))).asText();
        assertThat(api.exitStatus(config)).isEqualTo("OK");
        if (full) {
            assertThat(api.exitStatus(ok(api.put(vm + "/resize", Map.of("disk", "scsi0", "size", "+8G"))).asText())).isEqualTo("OK");
        }
        assertThat(api.exitStatus(ok(api.post(vm + "/status/start", Map.of())).asText())).isEqualTo("OK");
        for (int attempt = 0; attempt < 300; attempt++) {
            ApiResponse r = api.get(vm + "/agent/network-get-interfaces");
            if (r.ok()) {
                JsonNode eth0 = r.data().get("result").get(1);
                return eth0.get("ip-addresses").get(0).get("ip-address").asText();
            }
            PveClient.sleep(100);
        }
        throw new AssertionError("guest agent of " + vmid + " never answered");
    }

    private static JsonNode ok(ApiResponse r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.data();
    }
}
