package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.testbed.pve.support.ApiResponse;
import io.berth.testbed.pve.support.PveClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected request errors (500, 503, timeout, reset), their phase and path filter, and the control endpoint. */
class FaultInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PveSimulator sim;
    private PveClient api;

    @BeforeAll
    static void start() {
        sim = PveSimulator.start(SimOptions.builder().profile(LatencyProfile.FAST).seed(42).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
        api = PveClient.withToken(sim);
    }

    @Test
    void http500And503() {
        sim.faults().errorRate(1.0, ErrorKind.HTTP_500);
        ApiResponse r500 = api.get("/version");
        assertThat(r500.status()).isEqualTo(500);
        assertThat(r500.message()).isEqualTo("cluster not ready - no quorum?");
        sim.faults().errorRate(1.0, ErrorKind.HTTP_503);
        assertThat(api.get("/version").status()).isEqualTo(503);
        sim.faults().clear();
        assertThat(api.get("/version").status()).isEqualTo(200);
    }

    @Test
    void timeoutsHangPastTheClientsPatience() {
        sim.faults().errorRate(1.0, ErrorKind.TIMEOUT).hangDuration(Duration.ofSeconds(3));
        long start = System.nanoTime();
        assertThatThrownBy(() -> api.timeout(Duration.ofMillis(300)).sendChecked("GET", "/version", Map.of()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void resetsAbortTheConnection() {
        sim.faults().errorRate(1.0, ErrorKind.RESET);
        assertThatThrownBy(() -> api.get("/version")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void errorRateIsAProbability() {
        sim.faults().errorRate(0.5, ErrorKind.HTTP_500);
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            if (api.get("/version").status() == 500) {
                failed++;
            }
        }
        assertThat(failed).isBetween(60, 140);
    }

    @Test
    void pathPatternLimitsTheFaults() {
        sim.faults().errorRate(1.0, ErrorKind.HTTP_500).errorPathPattern("^POST .*/clone$");
        assertThat(api.get("/cluster/nextid").status()).isEqualTo(200);
        assertThat(api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "700")).status()).isEqualTo(500);
        assertThat(sim.state().vm(700)).isEmpty();
    }

    @Test
    void afterPhaseLosesTheAnswerButTheCloneHappened() {
        sim.faults().errorRate(1.0, ErrorKind.RESET).errorPhase(FaultPhase.AFTER).errorPathPattern("/clone$");
        assertThatThrownBy(() -> api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "701")))
                .isInstanceOf(UncheckedIOException.class);
        sim.faults().clear();
        assertThat(sim.state().cloneRequests(701)).isEqualTo(1);
        assertThat(sim.state().vm(701)).isPresent();
        ApiResponse retry = api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "701"));
        assertThat(retry.message()).isEqualTo("unable to create VM 701: config file already exists");
    }

    @Test
    void requestLatencySlowsEveryCall() {
        sim.faults().requestLatency(Duration.ofMillis(250));
        long start = System.nanoTime();
        api.get("/version");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void initialFaultsFromOptions() {
        FaultSettings faults = FaultSettings.builder().failNextCloneTasks(2).build();
        try (PveSimulator faulty = PveSimulator.start(SimOptions.fast().toBuilder().faults(faults).build())) {
            PveClient c = PveClient.withToken(faulty);
            java.util.List<String> exits = new java.util.ArrayList<>();
            for (int newid : new int[] {800, 801, 802}) {
                String upid = c.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", Integer.toString(newid))).data().asText();
                exits.add(c.exitStatus(upid));
            }
            assertThat(exits.get(0)).startsWith("clone failed:");
            assertThat(exits.get(1)).startsWith("clone failed:");
            assertThat(exits.get(2)).isEqualTo("OK");
            faulty.reset();
            assertThat(faulty.faults().settings().failNextCloneTasks()).isEqualTo(2);
        }
    }

    @Test
    void controlEndpointSetsFaultsAndShowsState() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
        URI faults = URI.create(sim.baseUri() + "/_sim/faults");
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(faults)
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorRate\": 1, \"errorKinds\": [\"503\"], \"taskLatencyMillis\": 5}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(sim.faults().settings().errorKinds()).containsExactly(ErrorKind.HTTP_503);
        assertThat(sim.faults().settings().taskLatency()).isEqualTo(Duration.ofMillis(5));
        assertThat(api.get("/version").status()).isEqualTo(503);
        JsonNode current = JSON.readTree(http.send(HttpRequest.newBuilder(faults).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(current.get("errorRate").asDouble()).isEqualTo(1.0);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(faults)
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorRat\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        http.send(HttpRequest.newBuilder(faults).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sim.faults().settings()).isEqualTo(FaultSettings.NONE);

        assertThat(api.exitStatus(api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "702")).data().asText())).isEqualTo("OK");
        JsonNode state = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + "/_sim/state")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(state.get("vms").findValuesAsText("vmid")).contains("702", "9000", "9001", "9002");
        assertThat(state.get("cloneRequests").get("702").asInt()).isEqualTo(1);
        HttpResponse<String> reset = http.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + "/_sim/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(sim.state().vm(702)).isEmpty();
        assertThat(sim.state().cloneRequests()).isEmpty();
    }

    @Test
    void controlEndpointIsNeverFaulted() throws IOException, InterruptedException {
        sim.faults().errorRate(1.0, ErrorKind.RESET);
        HttpClient http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
        HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create(sim.baseUri() + "/_sim/state")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(state.statusCode()).isEqualTo(200);
    }
}
