package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.testbed.pve.support.ApiResponse;
import io.berth.testbed.pve.support.PveClient;
import io.berth.testbed.pve.support.StatusLine;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The envelope, error answers and reason phrases, routing, JSON bodies, plain HTTP. */
class ApiEnvelopeTest {

    private static PveSimulator sim;
    private static PveClient api;

    @BeforeAll
    static void start() {
        sim = PveSimulator.start(SimOptions.fast());
        api = PveClient.withToken(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void successIsDataEnvelopeWithPveHeaders() {
        ApiResponse r = api.get("/version");
        assertThat(r.body().fieldNames()).toIterable().containsExactly("data");
        assertThat(r.headers().firstValue("Server")).hasValue("pve-api-daemon/3.0");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=0");
    }

    @Test
    void requestsAreCountedByMethodAndPathTemplate() {
        long before = sim.state().apiRequestsByEndpoint().getOrDefault("GET /nodes/{node}/qemu/{vmid}/config", 0L);
        api.get("/nodes/pve1/qemu/9000/config");
        api.get("/nodes/pve1/qemu/9000/config");
        assertThat(sim.state().apiRequestsByEndpoint()).containsEntry("GET /nodes/{node}/qemu/{vmid}/config",
                before + 2);
    }

    @Test
    void parameterErrorsAre400WithErrorsObject() throws Exception {
        ApiResponse r = api.post("/nodes/pve1/qemu/9000/clone", Map.of("full", "yes"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.data().isNull()).isTrue();
        assertThat(r.message()).isEqualTo("Parameter verification failed.");
        assertThat(r.errors().get("newid").asText()).isEqualTo("property is missing and it is not optional");
        assertThat(r.errors().get("full").asText()).isEqualTo("type check ('boolean') failed - got 'yes'");
        assertThat(StatusLine.fetch(sim, "POST", "/nodes/pve1/qemu/9000/clone",
                Map.of("Authorization", StatusLine.tokenHeader(sim)), "full=1"))
                .isEqualTo("HTTP/1.1 400 Parameter verification failed.");
        ApiResponse enumError = api.get("/cluster/resources", Map.of("type", "qemu"));
        assertThat(enumError.errors().get("type").asText())
                .isEqualTo("value 'qemu' does not have a value in the enumeration 'vm, storage, node, sdn'");
    }

    @Test
    void unknownMethodsNodesAndVms() throws Exception {
        ApiResponse none = api.get("/nodes/pve1/bogus");
        assertThat(none.status()).isEqualTo(501);
        assertThat(none.message()).isEqualTo("Method 'GET /nodes/pve1/bogus' not implemented");
        ApiResponse wrongMethod = api.delete("/cluster/nextid", Map.of());
        assertThat(wrongMethod.message()).isEqualTo("Method 'DELETE /cluster/nextid' not implemented");
        ApiResponse node = api.get("/nodes/pve9/qemu");
        assertThat(node.status()).isEqualTo(500);
        assertThat(node.message()).startsWith("hostname lookup 'pve9' failed");
        ApiResponse vm = api.get("/nodes/pve2/qemu/9000/config");
        assertThat(vm.status()).isEqualTo(500);
        assertThat(vm.message()).isEqualTo("Configuration file 'nodes/pve2/qemu-server/9000.conf' does not exist");
        assertThat(StatusLine.fetch(sim, "GET", "/nodes/pve2/qemu/9000/config",
                Map.of("Authorization", StatusLine.tokenHeader(sim)), null))
                .isEqualTo("HTTP/1.1 500 Configuration file 'nodes/pve2/qemu-server/9000.conf' does not exist");
    }

    @Test
    void pathParametersMayNotBeContradicted() {
        ApiResponse r = api.get("/nodes/pve1/qemu/9000/config", Map.of("vmid", "9001"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errors().get("vmid").asText()).isEqualTo("duplicate parameter (already defined in URI) with conflicting values!");
    }

    @Test
    void jsonBodiesAreAccepted() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(sim.apiUri() + "/nodes/pve1/qemu/9000/clone"))
                .header("Authorization", StatusLine.tokenHeader(sim))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"newid\": 600, \"full\": true, \"name\": \"json-vm\"}"))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        assertThat(api.exitStatus(new com.fasterxml.jackson.databind.ObjectMapper().readTree(resp.body()).get("data").asText()))
                .isEqualTo("OK");
        assertThat(sim.state().vm(600).orElseThrow().name()).isEqualTo("json-vm");
    }

    @Test
    void plainHttpOption() throws Exception {
        try (PveSimulator plain = PveSimulator.start(SimOptions.builder().http().profile(LatencyProfile.FAST).build())) {
            assertThat(plain.baseUri().getScheme()).isEqualTo("http");
            assertThat(plain.certificate()).isNull();
            assertThat(plain.certificateSha256Fingerprint()).isNull();
            JsonNode nodes = PveClient.withToken(plain).get("/nodes").data();
            assertThat(nodes.findValuesAsText("node")).containsExactly("pve1", "pve2", "pve3");
            // a default JDK client offers an h2c upgrade; the answer is plain HTTP/1.1, as from pveproxy
            HttpResponse<String> viaDefaultClient = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(plain.apiUri() + "/version"))
                            .header("Authorization", StatusLine.tokenHeader(plain)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(viaDefaultClient.statusCode()).isEqualTo(200);
            assertThat(viaDefaultClient.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void nodesCarryTheCertificateFingerprint() {
        JsonNode nodes = api.get("/nodes").data();
        assertThat(nodes.get(0).get("ssl_fingerprint").asText()).isEqualTo(sim.certificateSha256Fingerprint());
        JsonNode storage = api.get("/nodes/pve2/storage").data();
        assertThat(storage.findValuesAsText("storage")).containsExactly("local-lvm", "ceph-vm");
    }

    @Test
    void storagesSayWhetherTheyAreSharedWhereTheApiDocumentsIt() {
        // apidoc: /nodes/{node}/storage has "shared" (from storage.cfg); /cluster/resources storage rows have
        // "plugintype" but no "shared" (the conformance test rejects undocumented properties)
        JsonNode storage = api.get("/nodes/pve3/storage").data();
        for (JsonNode row : storage) {
            boolean shared = row.get("storage").asText().equals("ceph-vm");
            assertThat(row.get("shared").asInt()).as(row.toString()).isEqualTo(shared ? 1 : 0);
            assertThat(row.get("type").asText()).isEqualTo(shared ? "rbd" : "lvmthin");
        }
        JsonNode resources = api.get("/cluster/resources", java.util.Map.of("type", "storage")).data();
        assertThat(resources.findValuesAsText("plugintype")).contains("rbd", "lvmthin");
        assertThat(resources.findValues("shared")).isEmpty();
    }

    @Test
    void onlyLoopbackAddresses() throws Exception {
        InetAddress outside = InetAddress.getByName("192.0.2.10");
        assertThatThrownBy(() -> SimOptions.builder().bindAddress(outside).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }
}
