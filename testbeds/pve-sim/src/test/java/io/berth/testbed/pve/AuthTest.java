package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testbed.pve.support.ApiResponse;
import io.berth.testbed.pve.support.PveClient;
import io.berth.testbed.pve.support.StatusLine;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API tokens, tickets and CSRF tokens over HTTPS, with PVE's 401/403 answers. */
class AuthTest {

    private static PveSimulator sim;

    @BeforeAll
    static void start() {
        sim = PveSimulator.start(SimOptions.fast());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void apiTokenIsAcceptedWithoutCsrf() {
        PveClient client = PveClient.withToken(sim);
        assertThat(client.get("/version").data().get("release").asText()).isEqualTo("9.0");
        assertThat(client.post("/nodes/pve1/qemu/9000/agent/ping", Map.of()).message())
                .isEqualTo("VM 9000 is not running");
    }

    @Test
    void defaultsAreRootAndTheBerthToken() {
        assertThat(sim.username()).isEqualTo("root@pam");
        assertThat(sim.tokenId()).isEqualTo("root@pam!berth");
        assertThat(sim.tokenSecret()).matches("[0-9a-f-]{36}");
        assertThat(sim.baseUri().toString()).startsWith("https://127.0.0.1:");
        assertThat(sim.certificateSha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void wrongTokenSecretIs401WithPveReason() throws Exception {
        PveClient client = new PveClient(sim).token(sim.tokenId(), "00000000-0000-0000-0000-000000000000");
        ApiResponse r = client.get("/cluster/nextid");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.raw()).isEmpty();
        assertThat(StatusLine.fetch(sim, "GET", "/cluster/nextid",
                Map.of("Authorization", "PVEAPIToken=" + sim.tokenId() + "=wrong"), null))
                .isEqualTo("HTTP/1.1 401 invalid token value!");
        assertThat(StatusLine.fetch(sim, "GET", "/cluster/nextid",
                Map.of("Authorization", "PVEAPIToken=root@pam!TOKENID=" + sim.tokenSecret()), null))
                .isEqualTo("HTTP/1.1 401 no such token 'TOKENID' for user 'root@pam'");
        assertThat(StatusLine.fetch(sim, "GET", "/cluster/nextid",
                Map.of("Authorization", "PVEAPIToken=" + sim.tokenSecret()), null))
                .isEqualTo("HTTP/1.1 401 no tokenid specified");
    }

    @Test
    void noCredentialsIsNoTicket() throws Exception {
        assertThat(new PveClient(sim).get("/nodes").status()).isEqualTo(401);
        assertThat(StatusLine.fetch(sim, "GET", "/nodes", Map.of(), null)).isEqualTo("HTTP/1.1 401 No ticket");
    }

    @Test
    void ticketLoginThenCsrfRequiredOnWrites() {
        PveClient client = new PveClient(sim);
        ApiResponse login = client.login("root@pam", sim.password());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.data().get("ticket").asText()).startsWith("PVE:root@pam:");
        assertThat(login.data().get("CSRFPreventionToken").asText()).matches("[0-9A-F]{8}:\\S+");
        assertThat(login.data().get("username").asText()).isEqualTo("root@pam");

        assertThat(client.get("/cluster/resources", Map.of("type", "node")).status()).isEqualTo(200);
        assertThat(client.post("/nodes/pve1/qemu/9000/agent/ping", Map.of()).status()).isEqualTo(500);

        client.withoutCsrf();
        assertThat(client.get("/cluster/nextid").status()).isEqualTo(200);
        assertThat(client.post("/nodes/pve1/qemu/9000/agent/ping", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void csrfRefusalHasPveReason() throws Exception {
        PveClient client = new PveClient(sim);
        String ticket = client.login("root@pam", sim.password()).data().get("ticket").asText();
        String line = StatusLine.fetch(sim, "POST", "/nodes/pve1/qemu/9000/agent/ping",
                Map.of("Cookie", "PVEAuthCookie=" + ticket), "");
        assertThat(line).isEqualTo("HTTP/1.1 401 Permission denied - invalid csrf token");
        String forged = StatusLine.fetch(sim, "GET", "/nodes", Map.of("Cookie", "PVEAuthCookie=PVE:root@pam:00000000::AAAA"), null);
        assertThat(forged).isEqualTo("HTTP/1.1 401 permission denied - invalid PVE ticket");
    }

    @Test
    void wrongPasswordIsAuthenticationFailure() throws Exception {
        ApiResponse r = new PveClient(sim).login("root@pam", "not-the-password");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).isEqualTo("authentication failure");
        assertThat(StatusLine.fetch(sim, "POST", "/access/ticket", Map.of(), "username=root%40pam&password=x"))
                .isEqualTo("HTTP/1.1 401 authentication failure");
    }

    @Test
    void realmParameterAndTicketRenewal() {
        PveClient client = new PveClient(sim);
        ApiResponse first = client.post("/access/ticket",
                Map.of("username", "root", "realm", "pam", "password", sim.password()));
        assertThat(first.status()).isEqualTo(200);
        ApiResponse renewed = client.post("/access/ticket",
                Map.of("username", "root@pam", "password", first.data().get("ticket").asText()));
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.data().get("ticket").asText()).startsWith("PVE:root@pam:");
    }

    @Test
    void tokensAreRefusedOnTheTicketEndpoint() throws Exception {
        ApiResponse r = PveClient.withToken(sim).post("/access/ticket",
                Map.of("username", "root@pam", "password", sim.password()));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.message()).contains("URI '/access/ticket' not available with API token, need proper ticket.");
        assertThat(StatusLine.fetch(sim, "POST", "/access/ticket", Map.of("Authorization", StatusLine.tokenHeader(sim)),
                "username=root%40pam&password=x"))
                .startsWith("HTTP/1.1 403 Permission check failed (URI '/access/ticket' not available with API token");
    }

    @Test
    void expiredTicketsAreRefused() throws Exception {
        try (PveSimulator shortLived = PveSimulator.start(SimOptions.fast().toBuilder()
                .ticketLifetime(java.time.Duration.ofSeconds(2)).password("pw").build())) {
            PveClient client = new PveClient(shortLived);
            assertThat(client.login("root@pam", "pw").status()).isEqualTo(200);
            assertThat(client.get("/nodes").status()).isEqualTo(200);
            PveClient.sleep(3100);
            assertThat(client.get("/nodes").status()).isEqualTo(401);
        }
    }
}
