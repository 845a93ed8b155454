package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticket (cookie) authentication: {@code POST /access/ticket} with user and password, then the
 * {@code PVEAuthCookie} on every request and the {@code CSRFPreventionToken} header on every
 * non-GET request. A ticket lives two hours; it is renewed well before that and after any 401.
 */
final class ProxmoxTickets implements ProxmoxAuth {

    /** Proxmox VE tickets live 2 h; renew after half of that, as proxmoxer does. */
    static final Duration RENEW_AFTER = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxTickets.class);

    private final ProxmoxHttp anonymous;
    private final String username;
    private final String password;
    private final Clock clock;
    private final Duration renewAfter;
    private Ticket current; // guarded by this

    /**
     * @param anonymous transport without credentials, used for the ticket request only
     */
    ProxmoxTickets(ProxmoxHttp anonymous, String username, String password, Clock clock, Duration renewAfter) {
        this.anonymous = Objects.requireNonNull(anonymous, "anonymous");
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.renewAfter = Objects.requireNonNull(renewAfter, "renewAfter");
        if (!username.contains("@")) {
            throw new IllegalArgumentException("user name must look like USER@REALM (e.g. berth@pve), was '" + username + "'");
        }
    }

    @Override
    public Object authorize(HttpRequest.Builder request, boolean mutating) throws ProviderException {
        Ticket ticket = ticket();
        request.header("Cookie", "PVEAuthCookie=" + ticket.value());
        if (mutating) {
            request.header("CSRFPreventionToken", ticket.csrf());
        }
        return ticket;
    }

    @Override
    public synchronized boolean refresh(Object stamp) {
        if (stamp == current) {
            current = null;
        }
        return true;
    }

    synchronized Ticket ticket() throws ProviderException {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.issued().plus(renewAfter))) {
            current = login(now);
        }
        return current;
    }

    private Ticket login(Instant now) throws ProviderException {
        JsonNode data;
        try {
            data = anonymous.send(ProxmoxRequest.post("/access/ticket")
                    .with("username", username)
                    .with("password", password)
                    .retrySafe(true)); // asking for a ticket changes nothing on the server
        } catch (ProviderException e) {
            if (e.kind() == Kind.AUTHENTICATION) {
                throw new ProviderException(Kind.AUTHENTICATION,
                        "Proxmox VE refused the login of user " + username + ": " + e.getMessage(), e);
            }
            throw e;
        }
        String ticket = Json.text(data, "ticket");
        String csrf = Json.text(data, "CSRFPreventionToken");
        if (ticket == null || csrf == null) {
            throw new ProviderException(Kind.AUTHENTICATION, "Proxmox VE answered the login of user " + username
                    + " without a ticket (two-factor authentication is not supported; use an API token)");
        }
        LOG.info("proxmox ticket obtained user={}", username);
        return new Ticket(ticket, csrf, now);
    }

    @Override
    public String toString() {
        return "ticket " + username;
    }

    /** A ticket and its CSRF token; never printed. */
    record Ticket(String value, String csrf, Instant issued) {
        @Override
        public String toString() {
            return "Ticket[issued=" + issued + "]";
        }
    }
}
