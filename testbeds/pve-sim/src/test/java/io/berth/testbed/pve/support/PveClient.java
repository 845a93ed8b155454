package io.berth.testbed.pve.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.testbed.pve.PveSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A small PVE API client for the tests, on the JDK HttpClient: API-token or ticket auth,
 * form-encoded bodies, and a record of every exchange (for the conformance test).
 */
public final class PveClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI api;
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private volatile String authorization;
    private volatile String ticket;
    private volatile String csrf;
    private volatile Duration timeout = Duration.ofSeconds(30);
    private volatile Duration pollInterval = Duration.ofMillis(15);

    public PveClient(PveSimulator sim) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30));
        if (sim.clientSslContext() != null) {
            b.sslContext(sim.clientSslContext());
        }
        this.http = b.build();
        this.api = sim.apiUri();
    }

    /** Authenticates with the simulator's API token. */
    public static PveClient withToken(PveSimulator sim) {
        return new PveClient(sim).token(sim.tokenId(), sim.tokenSecret());
    }

    public PveClient token(String tokenId, String secret) {
        this.authorization = "PVEAPIToken=" + tokenId + "=" + secret;
        this.ticket = null;
        return this;
    }

    /** Logs in with {@code POST /access/ticket} and uses the ticket (and CSRF token) from then on. */
    public ApiResponse login(String username, String password) {
        this.authorization = null;
        ApiResponse r = post("/access/ticket", Map.of("username", username, "password", password));
        if (r.ok()) {
            this.ticket = r.data().get("ticket").asText();
            this.csrf = r.data().get("CSRFPreventionToken").asText();
        }
        return r;
    }

    /** Sends the ticket but no CSRF header. */
    public PveClient withoutCsrf() {
        this.csrf = null;
        return this;
    }

    public PveClient timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** How often {@link #waitForTask} polls. */
    public PveClient pollInterval(Duration d) {
        this.pollInterval = d;
        return this;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    public ApiResponse get(String path) {
        return get(path, Map.of());
    }

    public ApiResponse get(String path, Map<String, String> params) {
        return send("GET", path, params);
    }

    public ApiResponse post(String path, Map<String, String> params) {
        return send("POST", path, params);
    }

    public ApiResponse put(String path, Map<String, String> params) {
        return send("PUT", path, params);
    }

    public ApiResponse delete(String path, Map<String, String> params) {
        return send("DELETE", path, params);
    }

    /** Sends a request; IO failures (resets, timeouts) are thrown unchecked. */
    public ApiResponse send(String method, String path, Map<String, String> params) {
        try {
            return sendChecked(method, path, params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ApiResponse sendChecked(String method, String path, Map<String, String> params)
            throws IOException, InterruptedException {
        String form = form(params);
        boolean body = method.equals("POST") || method.equals("PUT");
        String target = api + encodePath(path) + (!body && !form.isEmpty() ? "?" + form : "");
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(target)).timeout(timeout);
        if (body) {
            rb.header("Content-Type", "application/x-www-form-urlencoded");
            rb.method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (authorization != null) {
            rb.header("Authorization", authorization);
        }
        if (ticket != null) {
            rb.header("Cookie", "PVEAuthCookie=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
            if (csrf != null) {
                rb.header("CSRFPreventionToken", csrf);
            }
        }
        HttpResponse<String> resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = resp.body().isEmpty() ? null : JSON.readTree(resp.body());
        exchanges.add(new Exchange(method, path, new LinkedHashMap<>(params), resp.statusCode(), json));
        return new ApiResponse(resp.statusCode(), resp.headers(), json, resp.body());
    }

    /** Polls a task until it stops; returns its final status object. */
    public JsonNode waitForTask(String upid, Duration max) {
        String node = upid.split(":")[1];
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            ApiResponse r = get("/nodes/" + node + "/tasks/" + upid + "/status");
            if (r.ok() && "stopped".equals(r.data().get("status").asText())) {
                return r.data();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task did not finish in " + max + ": " + upid + " last answer " + r.raw());
            }
            sleep(pollInterval.toMillis());
        }
    }

    /** The exit status of a finished task. */
    public String exitStatus(String upid) {
        return waitForTask(upid, Duration.ofSeconds(20)).get("exitstatus").asText();
    }

    private static String encodePath(String path) {
        StringJoiner j = new StringJoiner("/");
        for (String seg : path.split("/", -1)) {
            j.add(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return j.toString();
    }

    public static String form(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
