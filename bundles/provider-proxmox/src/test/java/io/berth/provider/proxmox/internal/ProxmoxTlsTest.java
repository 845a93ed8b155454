package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.provider.proxmox.internal.FakePve.Reply;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxmoxTlsTest {

    @TempDir
    static Path dir;
    static TestCertificates server;
    static TestCertificates other;
    static FakePve pve;

    @BeforeAll
    static void start() throws Exception {
        server = TestCertificates.create(dir, "server");
        other = TestCertificates.create(dir, "other");
        pve = new FakePve(server.serverContext());
        pve.route("GET", "/version", r -> Reply.data("{\"version\":\"9.0\"}"));
    }

    @AfterAll
    static void stop() {
        pve.close();
    }

    @Test
    void acceptsThePinnedCertificateInAnyNotation() throws Exception {
        String colons = server.fingerprint();
        String plain = colons.replace(":", "").toLowerCase();

        assertThat(client(ProxmoxTls.context(colons, null)).send(ProxmoxRequest.get("/version")).get("version").asText())
                .isEqualTo("9.0");
        assertThat(client(ProxmoxTls.context(plain, null)).send(ProxmoxRequest.get("/version")).isObject()).isTrue();
    }

    @Test
    void refusesAnotherCertificateAsAuthenticationFailure() throws Exception {
        ProviderException e = catchThrowableOfType(
                () -> client(ProxmoxTls.context(other.fingerprint(), null)).send(ProxmoxRequest.get("/version")),
                ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("does not match the pinned").contains(server.fingerprint())
                .contains(other.fingerprint());
        assertThat(pve.requests()).noneMatch(r -> r.path().equals("/never"));
    }

    @Test
    void trustsACaFile() throws Exception {
        assertThat(client(ProxmoxTls.context("", server.pem.toString())).send(ProxmoxRequest.get("/version")).isObject())
                .isTrue();

        ProviderException e = catchThrowableOfType(
                () -> client(ProxmoxTls.context(null, other.pem.toString())).send(ProxmoxRequest.get("/version")),
                ProviderException.class);
        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
    }

    @Test
    void defaultTrustRefusesSelfSignedCertificates() {
        ProviderException e = catchThrowableOfType(
                () -> client(ProxmoxTls.context(null, null)).send(ProxmoxRequest.get("/version")), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
    }

    @Test
    void rejectsMalformedFingerprints() {
        assertThatThrownBy(() -> ProxmoxTls.context("AB:CD", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits");
    }

    private static ProxmoxHttp client(SSLContext tls) {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        return TestSupport.http(pve.base(), ProxmoxAuth.none(), client, Duration.ofSeconds(3));
    }
}
