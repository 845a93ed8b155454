package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.berth.testbed.pve.VmView;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API over real HTTP against the assembled runtime in demo mode: core, scheduler and the
 * real Proxmox provider working against the simulator (FAST latencies).
 */
class ApiIT {

    private static TestRuntime berth;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String admin;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() throws Exception {
        berth = TestRuntime.start();
        admin = login(TestRuntime.ADMIN_EMAIL, TestRuntime.ADMIN_PASSWORD);
        assertThat(call("POST", "/api/admin/users", admin, Map.of("email", "alice@example.com",
                "password", "alice-password-1")).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/admin/users", admin, Map.of("email", "bob@example.com",
                "password", "bob-password-12")).statusCode()).isEqualTo(201);
        alice = login("alice@example.com", "alice-password-1");
        bob = login("bob@example.com", "bob-password-12");
    }

    @AfterAll
    static void stop() throws Exception {
        if (berth != null) {
            berth.close();
        }
    }

    @Test
    void loginAnswersTokensAndRefusesWrongCredentialsAlike() throws Exception {
        HttpResponse<String> ok = call("POST", "/api/login", null, Map.of("email", "alice@example.com",
                "password", "alice-password-1"));
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ok.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asInt()).isPositive();

        HttpResponse<String> wrong = call("POST", "/api/login", null, Map.of("email", "alice@example.com",
                "password", "not-her-password"));
        HttpResponse<String> unknown = call("POST", "/api/login", null, Map.of("email", "nobody@example.com",
                "password", "not-her-password"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).path("detail").asText())
                .isEqualTo(JSON.readTree(unknown.body()).path("detail").asText());
        assertThat(wrong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        HttpResponse<String> invalid = call("POST", "/api/login", null, Map.of("email", ""));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"field\":\"password\"");
    }

    @Test
    void repeatedLoginFailuresAreRateLimited() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = call("POST", "/api/login", null, Map.of("email", "victim@example.com", "password", "guess-" + i));
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    }

    @Test
    void forgedAndMissingTokensAre401WithAChallenge() throws Exception {
        String[] parts = alice.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String none = header + "." + parts[1] + ".";
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"role\":\"user\"", "\"role\":\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        for (String token : new String[] {null, "garbage", none, tampered}) {
            HttpResponse<String> r = call("GET", "/api/servers", token, null);
            assertThat(r.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        }
        assertThat(call("GET", "/api/health", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/openapi.json", null, null).body()).contains("\"openapi\"");
    }

    @Test
    void aUserSeesHerAccountAndTheCatalog() throws Exception {
        JsonNode me = JSON.readTree(call("GET", "/api/users/me", alice, null).body());
        assertThat(me.path("email").asText()).isEqualTo("alice@example.com");
        assertThat(me.path("role").asText()).isEqualTo("user");
        assertThat(me.path("quotas").path("servers").asInt()).isEqualTo(5);
        assertThat(me.path("usage").has("servers")).isTrue();
        JsonNode images = JSON.readTree(call("GET", "/api/images", alice, null).body());
        assertThat(images).extracting(n -> n.path("name").asText()).contains("Ubuntu 24.04", "Debian 12");
        assertThat(JSON.readTree(call("GET", "/api/plans", alice, null).body())).isNotEmpty();
        assertThat(call("GET", "/api/admin/users", alice, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/admin/servers", alice, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/admin/users", admin, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aServerLivesThroughItsWholeLifeAndOthersCannotSeeIt() throws Exception {
        HttpResponse<String> created = order(alice, "web-1", "life-1");
        assertThat(created.statusCode()).isEqualTo(202);
        String id = JSON.readTree(created.body()).path("id").asText();
        assertThat(created.headers().firstValue("Location")).contains("/api/servers/" + id);
        assertThat(JSON.readTree(created.body()).path("status").asText()).isEqualTo("provisioning");

        HttpResponse<String> again = order(alice, "web-1", "life-1");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).path("id").asText()).as("idempotent").isEqualTo(id);

        JsonNode running = await(alice, id, "running");
        assertThat(running.path("ip_address").asText()).matches("10\\.10\\.0\\.\\d+");
        assertThat(running.path("node").asText()).startsWith("pve");
        assertThat(vmsNamed("web-1")).as("one VM for the two orders").hasSize(1);

        for (String path : new String[] {"/api/servers/" + id}) {
            assertThat(call("GET", path, bob, null).statusCode()).isEqualTo(404);
            assertThat(call("POST", path + "/actions", bob, Map.of("action", "stop")).statusCode()).isEqualTo(404);
            assertThat(call("DELETE", path, bob, null).statusCode()).isEqualTo(404);
        }
        assertThat(JSON.readTree(call("GET", "/api/servers", bob, null).body()).path("items")).isEmpty();

        assertThat(act(alice, id, "start").statusCode()).as("already running").isEqualTo(409);
        assertThat(act(alice, id, "reboot").statusCode()).isEqualTo(202);
        await(alice, id, "running");
        assertThat(act(alice, id, "shutdown").statusCode()).isEqualTo(202);
        await(alice, id, "stopped");
        assertThat(act(alice, id, "start").statusCode()).isEqualTo(202);
        await(alice, id, "running");
        assertThat(act(alice, id, "stop").statusCode()).isEqualTo(202);
        await(alice, id, "stopped");
        HttpResponse<String> bad = act(alice, id, "explode");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"field\":\"action\"");

        assertThat(call("POST", "/api/admin/servers/" + id + "/suspend", admin, null).statusCode()).isEqualTo(200);
        assertThat(act(alice, id, "start").statusCode()).as("suspended").isEqualTo(409);
        assertThat(call("POST", "/api/admin/servers/" + id + "/unsuspend", admin, null).statusCode()).isEqualTo(200);

        HttpResponse<String> deleted = call("DELETE", "/api/servers/" + id, alice, null);
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(deleted.body()).path("status").asText()).isEqualTo("terminating");
        await(alice, id, "terminated");
        assertThat(vmsNamed("web-1")).as("the VM is gone from the hypervisor").isEmpty();
    }

    @Test
    void theDashboardsListAnswersAsThePagedListDoesAndFollowsEveryChange() throws Exception {
        assertThat(call("POST", "/api/admin/users", admin, Map.of("email", "carol@example.com",
                "password", "carol-password-1")).statusCode()).isEqualTo(201);
        String carol = login("carol@example.com", "carol-password-1");
        assertThat(JSON.readTree(call("GET", "/api/servers", carol, null).body()).path("items")).isEmpty();

        String id = JSON.readTree(order(carol, "list-1", "list-1").body()).path("id").asText();
        assertThat(statusIn(call("GET", "/api/servers", carol, null), id)).as("her order, in her next list")
                .isNotNull();
        await(carol, id, "running");
        listed(carol, id, "running");

        HttpResponse<String> plain = call("GET", "/api/servers", carol, null);
        HttpResponse<String> paged = call("GET", "/api/servers?limit=25", carol, null);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(paged.body());
        assertThat(plain.headers().firstValue("Content-Type")).isEqualTo(paged.headers().firstValue("Content-Type"));
        assertThat(plain.headers().firstValue("X-Request-Id")).isPresent();

        assertThat(act(carol, id, "stop").statusCode()).isEqualTo(202);
        assertThat(statusIn(call("GET", "/api/servers", carol, null), id)).as("her action, in her next list")
                .isIn("stopping", "stopped");
        listed(carol, id, "stopped");
        assertThat(call("GET", "/api/servers", bob, null).body()).doesNotContain(id);
    }

    /** The server's status in a list answer. */
    private static String statusIn(HttpResponse<String> list, String id) throws Exception {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode s : JSON.readTree(list.body()).path("items")) {
            if (id.equals(s.path("id").asText())) {
                return s.path("status").asText();
            }
        }
        return null;
    }

    /** Waits until the list shows the server with this status (a job's change arrives a moment later). */
    private static void listed(String token, String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = statusIn(call("GET", "/api/servers", token, null), id);
            if (status.equals(seen)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the list never showed " + status + ", last " + seen);
    }

    @Test
    void jobsWaitWhileTheHypervisorBundleIsStoppedAndResumeWhenItReturns() throws Exception {
        org.osgi.framework.Bundle provider = java.util.Arrays.stream(berth.context().getBundles())
                .filter(b -> "io.berth.provider.proxmox".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertThat(call("POST", "/api/admin/users", admin, Map.of("email", "dave@example.com",
                "password", "dave-password-1")).statusCode()).isEqualTo(201);
        String dave = login("dave@example.com", "dave-password-1");
        provider.stop();
        try {
            HttpResponse<String> created = order(dave, "while-away", "away-1");
            assertThat(created.statusCode()).isEqualTo(202);
            String id = JSON.readTree(created.body()).path("id").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            JsonNode server;
            do {
                Thread.sleep(200);
                server = JSON.readTree(call("GET", "/api/servers/" + id, dave, null).body());
            } while (!server.path("status_detail").asText().contains("waiting for hypervisor")
                    && System.nanoTime() < deadline);
            assertThat(server.path("status").asText()).isEqualTo("provisioning");
            assertThat(server.path("status_detail").asText()).contains("waiting for hypervisor pve-demo");
            provider.start();
            assertThat(await(dave, id, "running").path("ip_address").asText()).isNotEmpty();
            assertThat(vmsNamed("while-away")).hasSize(1);
        } finally {
            if (provider.getState() != org.osgi.framework.Bundle.ACTIVE) {
                provider.start();
            }
        }
    }

    @Test
    void badOrdersNameTheirFieldsAndChangeNothing() throws Exception {
        HttpResponse<String> invalid = call("POST", "/api/servers", alice, Map.of("name", "Not_A_Hostname",
                "image_id", "00000000-0000-0000-0000-000000000000", "cpu_cores", 1, "memory_mb", 512, "disk_gb", 10));
        assertThat(invalid.statusCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(invalid.body());
        assertThat(problem.path("errors")).extracting(e -> e.path("field").asText()).contains("name", "image_id");
        HttpResponse<String> malformed = berth.send(HttpRequest.newBuilder(berth.uri("/api/servers"))
                .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/servers/not-a-uuid", alice, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/servers?status=sleeping", alice, null).statusCode()).isEqualTo(400);
        assertThat(vmsNamed("Not_A_Hostname")).isEmpty();
    }

    private static List<VmView> vmsNamed(String name) {
        return berth.simulator().state().vms().stream().filter(v -> name.equals(v.name())).toList();
    }

    private static HttpResponse<String> order(String token, String name, String key) throws Exception {
        JsonNode images = JSON.readTree(call("GET", "/api/images", token, null).body());
        JsonNode plans = JSON.readTree(call("GET", "/api/plans", token, null).body());
        String body = JSON.writeValueAsString(Map.of("name", name, "image_id", images.get(0).path("id").asText(),
                "plan_id", plans.get(plans.size() - 1).path("id").asText()));
        return berth.send(HttpRequest.newBuilder(berth.uri("/api/servers")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> act(String token, String id, String action) throws Exception {
        return call("POST", "/api/servers/" + id + "/actions", token, Map.of("action", action));
    }

    private static JsonNode await(String token, String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode server = null;
        while (System.nanoTime() < deadline) {
            server = JSON.readTree(call("GET", "/api/servers/" + id, token, null).body());
            if (status.equals(server.path("status").asText())) {
                return server;
            }
            assertThat(server.path("status").asText()).as(server.toString()).isNotEqualTo("failed");
            Thread.sleep(200);
        }
        throw new AssertionError("server never reached " + status + ": " + server);
    }

    static String login(String email, String password) throws Exception {
        HttpResponse<String> r = call("POST", "/api/login", null, Map.of("email", email, "password", password));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    static HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(berth.uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return berth.send(request);
    }
}
