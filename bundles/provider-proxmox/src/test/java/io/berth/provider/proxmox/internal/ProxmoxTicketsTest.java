package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.provider.proxmox.internal.FakePve.Reply;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxmoxTicketsTest {

    private static final String PASSWORD = "correct horse battery staple";

    private FakePve pve;
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock();
    private final AtomicInteger logins = new AtomicInteger();
    private ProxmoxHttp http;

    @BeforeEach
    void start() throws Exception {
        pve = new FakePve();
        pve.route("POST", "/access/ticket", r -> {
            if (!r.body().contains("password=correct+horse")) {
                return Reply.error(401, "authentication failure");
            }
            int n = logins.incrementAndGet();
            return Reply.data("{\"ticket\":\"PVE:berth@pve:T" + n + "::sig==\",\"CSRFPreventionToken\":\"C" + n
                    + ":abc\",\"username\":\"berth@pve\"}");
        });
        // like pveproxy: cookie for everything, CSRF header for every non-GET request
        pve.route("GET", "/version", r -> valid(r, false) ? Reply.data("{\"version\":\"9.0\"}")
                : Reply.error(401, "invalid ticket"));
        pve.route("POST", "/nodes/pve1/qemu/101/status/start", r -> valid(r, true) ? Reply.data("\"UPID:pve1:00000001:00000002:65000000:qmstart:101:berth@pve:\"")
                : Reply.error(401, "Permission denied - invalid csrf token"));
        ProxmoxHttp anonymous = TestSupport.http(pve.base(), ProxmoxAuth.none());
        http = anonymous.withAuth(new ProxmoxTickets(anonymous, "berth@pve", PASSWORD, clock, ProxmoxTickets.RENEW_AFTER));
    }

    private boolean valid(FakePve.Recorded r, boolean needsCsrf) {
        String cookie = r.header("Cookie");
        String current = "T" + logins.get();
        if (cookie == null || !cookie.equals("PVEAuthCookie=PVE:berth@pve:" + current + "::sig==")) {
            return false;
        }
        return !needsCsrf || ("C" + logins.get() + ":abc").equals(r.header("CSRFPreventionToken"));
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    @Test
    void logsInOnceAndSendsCookieAndCsrfToken() throws Exception {
        http.send(ProxmoxRequest.get("/version"));
        http.send(ProxmoxRequest.post("/nodes/pve1/qemu/101/status/start"));
        http.send(ProxmoxRequest.get("/version"));

        assertThat(logins).hasValue(1);
        assertThat(pve.requests("GET", "/version").get(0).header("CSRFPreventionToken")).isNull();
        assertThat(pve.requests("POST", ".*/start").get(0).header("CSRFPreventionToken")).isEqualTo("C1:abc");
    }

    @Test
    void renewsTheTicketBeforeItExpires() throws Exception {
        http.send(ProxmoxRequest.get("/version"));
        clock.advance(Duration.ofMinutes(59));
        http.send(ProxmoxRequest.get("/version"));
        assertThat(logins).hasValue(1);

        clock.advance(Duration.ofMinutes(2));
        http.send(ProxmoxRequest.post("/nodes/pve1/qemu/101/status/start"));

        assertThat(logins).hasValue(2);
    }

    @Test
    void logsInAgainAfterA401() throws Exception {
        http.send(ProxmoxRequest.get("/version"));
        logins.incrementAndGet(); // the server forgot the ticket (e.g. restarted with a new key)

        assertThat(http.send(ProxmoxRequest.post("/nodes/pve1/qemu/101/status/start")).asText()).startsWith("UPID:");
        assertThat(pve.requests("POST", "/access/ticket")).hasSize(2);
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureWithoutThePassword() {
        ProxmoxHttp anonymous = TestSupport.http(pve.base(), ProxmoxAuth.none());
        ProxmoxHttp wrong = anonymous.withAuth(new ProxmoxTickets(anonymous, "berth@pve", "wrong-password-123", clock,
                ProxmoxTickets.RENEW_AFTER));

        ProviderException e = catchThrowableOfType(() -> wrong.send(ProxmoxRequest.get("/version")), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("berth@pve").doesNotContain("wrong-password-123");
    }
}
