package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The REST API of a Berth process listening on a loopback port, for tests that run Berth as processes. */
final class ProcessApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    ProcessApi(int port) {
        this.port = port;
    }

    /** Waits up to two minutes until {@code GET /api/health} answers 200. */
    void awaitHealth() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                if (call("GET", "/api/health", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("Berth on port " + port + " did not become healthy");
    }

    /** Logs in (asserting 200) and returns the access token. */
    String login(String email, String password) throws Exception {
        HttpResponse<String> r = call("POST", "/api/login", null, Map.of("email", email, "password", password));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    /** A JSON request with an optional bearer token and body (serialised with Jackson). */
    HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        return HTTP.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public String toString() {
        return "Berth on port " + port;
    }

    CompletableFuture<HttpResponse<String>> callAsync(String method, String path, String token, Object body)
            throws JsonProcessingException {
        return HTTP.sendAsync(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String token, Object body) throws JsonProcessingException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return request.build();
    }
}
