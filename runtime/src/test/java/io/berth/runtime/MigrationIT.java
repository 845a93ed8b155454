package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.berth.testbed.whmcs.Fixtures;
import io.berth.testbed.whmcs.SeedOptions;
import io.berth.testbed.whmcs.WhmcsTestbed;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WHMCS → Berth inside the running runtime: {@code berth:whmcs-migrate} against a real MariaDB with
 * the WHMCS tables, then a migrated customer logs in through the API with her old WHMCS password.
 */
class MigrationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestRuntime berth;
    private static WhmcsTestbed whmcs;

    @BeforeAll
    static void start() throws Exception {
        whmcs = WhmcsTestbed.start();
        whmcs.seed(SeedOptions.small());
        berth = TestRuntime.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (berth != null) {
            berth.close();
        }
        if (whmcs != null) {
            whmcs.close();
        }
    }

    @Test
    void aMigratedCustomerLogsInWithHerWhmcsPasswordAndSeesHerServers() throws Exception {
        String command = "berth:whmcs-migrate --source-url " + whmcs.jdbcUrl() + " --source-user " + whmcs.user()
                + " --source-password " + whmcs.password();
        // healthy means the API is served; the migrator's shell command may register a moment later
        String dry = TestRuntime.await(() -> {
            String out = berth.shell(command + " --dry-run");
            return out.contains("Command not found") ? Optional.<String>empty() : Optional.of(out);
        });
        assertThat(dry).startsWith("exit=0").contains("dry run");
        assertThat(login(Fixtures.ALICE_EMAIL, Fixtures.ALICE_PASSWORD).statusCode()).as("dry run wrote nothing")
                .isEqualTo(401);

        String run = berth.shell(command);
        assertThat(run).startsWith("exit=0");
        HttpResponse<String> login = login(Fixtures.ALICE_EMAIL, Fixtures.ALICE_PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token = JSON.readTree(login.body()).path("access_token").asText();

        Map<String, JsonNode> servers = new HashMap<>();
        for (String status : new String[] {"running", "suspended"}) {
            HttpResponse<String> list = berth.send(HttpRequest.newBuilder(berth.uri("/api/servers?status=" + status))
                    .header("Authorization", "Bearer " + token).GET());
            for (JsonNode s : JSON.readTree(list.body()).path("items")) {
                servers.put(s.path("name").asText(), s);
            }
        }
        assertThat(servers).containsKeys("alice-web.example.net", "alice-db.example.net", "alice-legacy.example.net");
        JsonNode web = servers.get("alice-web.example.net");
        assertThat(web.path("status").asText()).isEqualTo("running");
        assertThat(web.path("cpu_cores").asInt()).isEqualTo(2);
        assertThat(web.path("memory_mb").asInt()).isEqualTo(4096);
        assertThat(web.path("disk_gb").asInt()).isEqualTo(80);
        assertThat(web.path("location").asText()).isEqualTo("Frankfurt");
        assertThat(web.path("attributes").path("backups").asText()).isEqualTo("Yes");
        JsonNode db = servers.get("alice-db.example.net");
        assertThat(db.path("status").asText()).isEqualTo("suspended");
        assertThat(db.path("memory_mb").asInt()).isEqualTo(8192);

        assertThat(login(Fixtures.ALICE_EMAIL, "not-her-password").statusCode()).isEqualTo(401);
        String again = berth.shell(command);
        assertThat(again).startsWith("exit=0");
        assertThat(login(Fixtures.ALICE_EMAIL, Fixtures.ALICE_PASSWORD).statusCode())
                .as("a re-run keeps the password (now rehashed by Berth)").isEqualTo(200);
    }

    private static HttpResponse<String> login(String email, String password) throws Exception {
        return berth.send(HttpRequest.newBuilder(berth.uri("/api/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email,
                        "password", password)))));
    }
}
