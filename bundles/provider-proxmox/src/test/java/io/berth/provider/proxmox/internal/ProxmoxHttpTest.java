package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.provider.proxmox.internal.FakePve.Reply;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxmoxHttpTest {

    private static final String SECRET = "5f7c1e7a-0000-4d6e-9c1b-secretsecret";

    private FakePve pve;
    private ProxmoxHttp http;

    @BeforeEach
    void start() throws Exception {
        pve = new FakePve();
        http = TestSupport.http(pve.base(), new ProxmoxToken("berth@pve!prov", SECRET));
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    @Test
    void sendsTheTokenHeaderAndUnwrapsData() throws Exception {
        pve.route("GET", "/version", r -> Reply.data("{\"version\":\"9.0.3\",\"release\":\"9.0\"}"));

        JsonNode data = http.send(ProxmoxRequest.get("/version"));

        assertThat(data.get("version").asText()).isEqualTo("9.0.3");
        assertThat(pve.requests().get(0).header("Authorization")).isEqualTo("PVEAPIToken=berth@pve!prov=" + SECRET);
        assertThat(pve.requests().get(0).header("CSRFPreventionToken")).isNull();
    }

    @Test
    void postsFormEncodedParameters() throws Exception {
        pve.route("POST", "/nodes/pve1/qemu/9000/clone", r -> Reply.data("\"UPID:pve1:00000001:00000002:65000000:qmclone:9000:berth@pve!prov:\""));

        http.send(ProxmoxRequest.post("/nodes/pve1/qemu/9000/clone").with("newid", 101).with("name", "web 1"));

        FakePve.Recorded request = pve.requests().get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.body()).isEqualTo("name=web+1&newid=101");
    }

    @Test
    void retriesReadsAfterServerErrorsButNotWrites() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        pve.route("GET", "/cluster/resources", r -> calls.incrementAndGet() < 3 ? Reply.error(503, "busy")
                : Reply.data("[]"));
        pve.route("POST", "/nodes/pve1/qemu/101/status/start", r -> Reply.error(503, "busy"));

        assertThat(http.send(ProxmoxRequest.get("/cluster/resources")).isArray()).isTrue();
        assertThat(calls).hasValue(3);

        ProviderException e = catchThrowableOfType(
                () -> http.send(ProxmoxRequest.post("/nodes/pve1/qemu/101/status/start")), ProviderException.class);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.retryable()).isTrue();
        assertThat(pve.requests("POST", ".*/start")).hasSize(1);
    }

    @Test
    void givesUpAfterTheConfiguredRetries() {
        pve.route("GET", "/version", r -> Reply.error(500, "proxy loop"));

        assertThatThrownBy(() -> http.send(ProxmoxRequest.get("/version")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
        assertThat(pve.requests()).hasSize(3); // 1 + 2 retries
    }

    @Test
    void mapsParameterErrorsToInvalidWithTheirDetail() {
        pve.route("POST", "/nodes/pve1/qemu/101/config", r -> new Reply(400,
                "{\"data\":null,\"errors\":{\"cores\":\"value must have a minimum value of 1\"}}", 0));

        ProviderException e = catchThrowableOfType(
                () -> http.send(ProxmoxRequest.post("/nodes/pve1/qemu/101/config").with("cores", 0)), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e.getMessage()).contains("cores").contains("minimum value of 1").contains("HTTP 400");
        assertThat(((ProxmoxApiException) e).errors()).containsEntry("cores", "value must have a minimum value of 1");
    }

    @Test
    void mapsProxmoxErrorTexts() {
        pve.route("GET", "/a", r -> Reply.error(500, "can't lock file '/var/lock/qemu-server/lock-203.conf' - got timeout"));
        pve.route("GET", "/b", r -> Reply.error(500, "unable to create VM 101: config file already exists"));
        pve.route("GET", "/c", r -> Reply.error(500, "Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist"));
        pve.route("GET", "/d", r -> Reply.error(401, "no such token 'x' for user 'berth@pve'"));
        pve.route("GET", "/e", r -> Reply.error(403, "Permission check failed (/vms/101, VM.Allocate)"));
        pve.route("GET", "/f", r -> new Reply(404, "", 0));
        pve.route("GET", "/g", r -> new Reply(400, "{\"data\":null,\"errors\":{\"vmid\":\"VM 101 already exists\"}}", 0));
        pve.route("GET", "/h", r -> new Reply(502, "<html>Bad Gateway</html>", 0));

        assertThat(kind("/a")).isEqualTo(Kind.LOCKED);
        assertThat(kind("/b")).isEqualTo(Kind.ALREADY_EXISTS);
        assertThat(kind("/c")).isEqualTo(Kind.NOT_FOUND);
        assertThat(kind("/d")).isEqualTo(Kind.AUTHENTICATION);
        assertThat(kind("/e")).isEqualTo(Kind.AUTHENTICATION);
        assertThat(kind("/f")).isEqualTo(Kind.NOT_FOUND);
        assertThat(kind("/g")).isEqualTo(Kind.ALREADY_EXISTS);
        assertThat(kind("/h")).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void timeoutsAreTransientAndRetriedForReads() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        pve.route("GET", "/version", r -> calls.incrementAndGet() == 1 ? Reply.data("{}").delayed(1500) : Reply.data("{\"version\":\"9\"}"));
        ProxmoxHttp impatient = TestSupport.http(pve.base(), ProxmoxAuth.none(), HttpClient.newHttpClient(),
                Duration.ofMillis(300));

        assertThat(impatient.send(ProxmoxRequest.get("/version")).get("version").asText()).isEqualTo("9");

        pve.route("POST", "/slow", r -> Reply.data("null").delayed(1500));
        ProxmoxApiException e = catchThrowableOfType(() -> impatient.send(ProxmoxRequest.post("/slow")),
                ProxmoxApiException.class);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.timedOut()).isTrue();
        assertThat(pve.requests("POST", "/slow")).hasSize(1);
    }

    @Test
    void droppedConnectionsAreTransient() {
        pve.route("POST", "/drop", r -> Reply.reset());

        ProviderException e = catchThrowableOfType(() -> http.send(ProxmoxRequest.post("/drop")), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void refusedConnectionsAreTransient() {
        ProxmoxHttp nowhere = TestSupport.http(URI.create("http://127.0.0.1:1/api2/json"), ProxmoxAuth.none());

        ProviderException e = catchThrowableOfType(() -> nowhere.send(ProxmoxRequest.get("/version")), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void secretsNeverAppearInErrors() {
        pve.route("GET", "/version", r -> Reply.error(401, "authentication failure"));

        ProviderException e = catchThrowableOfType(() -> http.send(ProxmoxRequest.get("/version")), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage()).doesNotContain(SECRET);
        assertThat(http.toString()).doesNotContain(SECRET);
    }

    @Test
    void encodesPathSegments() throws Exception {
        String upid = "UPID:pve1:0000A1B2:0001C3D4:65F00000:qmclone:9000:berth@pve!prov:";
        pve.route("GET", "/nodes/pve1/tasks/.*/status", r -> Reply.data("{\"status\":\"running\"}"));

        http.send(ProxmoxRequest.get(ProxmoxRequest.path("nodes", "pve1", "tasks", upid, "status")));

        assertThat(pve.requests().get(0).path()).isEqualTo("/nodes/pve1/tasks/" + upid + "/status");
    }

    private Kind kind(String path) {
        return catchThrowableOfType(() -> http.send(ProxmoxRequest.get(path).retrySafe(false)), ProviderException.class)
                .kind();
    }
}
