package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport: sends {@link ProxmoxRequest}s to {@code <api url>/…}, unwraps {@code {"data": …}},
 * and turns every failure into a {@link ProxmoxApiException} whose kind says whether retrying helps.
 * Requests marked retry-safe are repeated after transient failures with a short backoff; a 401 gets
 * one more attempt after the credentials were refreshed (a refused request had no effect).
 */
final class ProxmoxHttp {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxHttp.class);
    private static final int MAX_ERROR_TEXT = 300;

    private final URI base;
    private final HttpClient client;
    private final ProxmoxAuth auth;
    private final ObjectMapper json;
    private final Duration requestTimeout;
    private final int retries;
    private final Duration backoff;

    /**
     * @param base the API root, ending in {@code /api2/json}
     * @param retries how often a retry-safe request is repeated after a transient failure
     * @param backoff the first pause between attempts; doubled each time, with jitter
     */
    ProxmoxHttp(URI base, HttpClient client, ProxmoxAuth auth, ObjectMapper json, Duration requestTimeout, int retries,
            Duration backoff) {
        this.base = Objects.requireNonNull(base, "base");
        this.client = Objects.requireNonNull(client, "client");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.json = Objects.requireNonNull(json, "json");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.retries = Math.max(0, retries);
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** The same transport with other credentials. */
    ProxmoxHttp withAuth(ProxmoxAuth other) {
        return new ProxmoxHttp(base, client, other, json, requestTimeout, retries, backoff);
    }

    URI base() {
        return base;
    }

    ObjectMapper json() {
        return json;
    }

    /** Sends the request and returns its {@code data} ({@link NullNode} when there is none). */
    JsonNode send(ProxmoxRequest request) throws ProviderException {
        int attempt = 0;
        boolean refreshed = false;
        while (true) {
            Object stamp = null;
            try {
                HttpRequest.Builder builder = builder(request);
                stamp = auth.authorize(builder, request.mutating());
                return exchange(request, builder.build());
            } catch (ProxmoxApiException e) {
                if (e.status() == 401 && !refreshed && auth.refresh(stamp)) {
                    refreshed = true;
                    LOG.debug("proxmox credentials refreshed after 401 request={}", request);
                    continue;
                }
                if (e.kind() == Kind.TRANSIENT && request.retrySafe() && attempt < retries) {
                    Duration pause = pause(attempt++);
                    LOG.debug("proxmox request retried request={} attempt={} pauseMs={} reason={}", request, attempt,
                            pause.toMillis(), e.getMessage());
                    sleep(pause, request);
                    continue;
                }
                throw e;
            }
        }
    }

    private HttpRequest.Builder builder(ProxmoxRequest request) {
        String params = request.encodedParams();
        String uri = base + request.path();
        if (!request.hasBody() && !params.isEmpty()) {
            uri = uri + "?" + params;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri))
                .timeout(request.timeout() != null ? request.timeout() : requestTimeout)
                .header("Accept", "application/json");
        if (request.hasBody()) {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(params));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder;
    }

    private JsonNode exchange(ProxmoxRequest request, HttpRequest http) throws ProxmoxApiException {
        HttpResponse<String> response;
        LOG.trace("proxmox request {}", request);
        try {
            response = client.send(http, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw failure(Kind.TRANSIENT, request, "no answer within the timeout", true, e);
        } catch (SSLException e) {
            CertificateException refused = certificateCause(e);
            if (refused != null) {
                throw failure(Kind.AUTHENTICATION, request,
                        "TLS identity of " + base.getHost() + ":" + base.getPort() + " refused: " + refused.getMessage(),
                        false, e);
            }
            throw failure(Kind.TRANSIENT, request, "TLS failure: " + e.getMessage(), false, e);
        } catch (ConnectException e) {
            throw failure(Kind.TRANSIENT, request, "cannot connect: " + e.getMessage(), false, e);
        } catch (IOException e) {
            CertificateException refused = certificateCause(e);
            if (refused != null) {
                throw failure(Kind.AUTHENTICATION, request,
                        "TLS identity of " + base.getHost() + ":" + base.getPort() + " refused: " + refused.getMessage(),
                        false, e);
            }
            throw failure(Kind.TRANSIENT, request, "connection failed: " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(Kind.TRANSIENT, request, "interrupted", false, e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            JsonNode data = body == null ? null : body.get("data");
            return data == null ? NullNode.getInstance() : data;
        }
        throw error(request, status, body, response.body());
    }

    private ProxmoxApiException error(ProxmoxRequest request, int status, JsonNode body, String raw) {
        Map<String, String> errors = new LinkedHashMap<>();
        String message = null;
        if (body != null) {
            JsonNode errorNode = body.get("errors");
            if (errorNode != null && errorNode.isObject()) {
                errorNode.fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText().trim()));
            }
            message = Json.text(body, "message");
        } else if (raw != null && !raw.isBlank()) {
            message = raw;
        }
        message = message == null ? "" : clip(message.trim());
        Kind kind = ProxmoxErrors.kind(status, message, errors);
        StringBuilder text = new StringBuilder().append(request).append(" failed: HTTP ").append(status);
        if (!message.isEmpty()) {
            text.append(' ').append(message);
        }
        if (!errors.isEmpty()) {
            text.append(" ").append(errors);
        }
        return new ProxmoxApiException(kind, text.toString(), status, message, errors, false, null);
    }

    private ProxmoxApiException failure(Kind kind, ProxmoxRequest request, String what, boolean timedOut, Throwable cause) {
        return new ProxmoxApiException(kind, request + " to " + base.getHost() + ": " + what, 0, "", Map.of(), timedOut,
                cause);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static CertificateException certificateCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException c) {
                return c;
            }
        }
        return null;
    }

    private Duration pause(int attempt) {
        long base = backoff.toMillis() << Math.min(attempt, 6);
        long capped = Math.min(base, 5_000);
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static void sleep(Duration pause, ProxmoxRequest request) throws ProviderException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.TRANSIENT, request + ": interrupted", e);
        }
    }

    private static String clip(String text) {
        String single = text.replaceAll("\\s+", " ");
        return single.length() <= MAX_ERROR_TEXT ? single : single.substring(0, MAX_ERROR_TEXT) + "…";
    }

    @Override
    public String toString() {
        return "ProxmoxHttp[" + base + ", " + auth + "]";
    }
}
