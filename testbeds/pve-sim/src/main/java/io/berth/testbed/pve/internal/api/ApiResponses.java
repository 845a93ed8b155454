package io.berth.testbed.pve.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds answers the way pveproxy formats them: status 200 with {@code {"data": …}} for
 * success; for errors the message as reason phrase and a body of {@code {"data":null}} plus
 * {@code message} (and {@code errors} for parameter errors); for authentication failures a
 * 401 with an empty body. Headers as pveproxy sends them.
 */
public final class ApiResponses {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    private static final String JSON = "application/json;charset=UTF-8";

    private final ObjectMapper json;

    public ApiResponses(ObjectMapper json) {
        this.json = json;
    }

    public HttpResponse success(ApiResult result) {
        ObjectNode body = json.createObjectNode();
        body.set("data", result.data());
        if (result.total() != null) {
            body.put("total", result.total());
        }
        return new HttpResponse(200, "OK", headers(JSON), bytes(body), false);
    }

    public HttpResponse error(PveError error) {
        ObjectNode body = json.createObjectNode();
        body.putNull("data");
        if (!error.errors().isEmpty()) {
            ObjectNode errors = body.putObject("errors");
            error.errors().forEach(errors::put);
        }
        body.put("message", error.getMessage() + "\n");
        return new HttpResponse(error.status(), error.getMessage(), headers(JSON), bytes(body), false);
    }

    /** A 401 from the authentication handler: reason phrase only, empty body, connection closed. */
    public HttpResponse authFailure(String message) {
        return new HttpResponse(401, message, headers(null), new byte[0], true);
    }

    /** A bare answer with an empty body (pveproxy's {@code error()} for protocol-level problems). */
    public HttpResponse bare(int status, String reason) {
        return new HttpResponse(status, reason, headers(null), new byte[0], true);
    }

    /** A JSON document outside the PVE envelope (the control endpoint). */
    public HttpResponse plainJson(int status, String reason, JsonNode body) {
        return new HttpResponse(status, reason, headers(JSON), bytes(body), false);
    }

    /** The HTTP date of the current second, formatted once per second. */
    private static String httpDate() {
        long second = System.currentTimeMillis() / 1000;
        CachedDate cached = date;
        if (cached == null || cached.second() != second) {
            cached = new CachedDate(second, ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC)
                    .format(HTTP_DATE));
            date = cached;
        }
        return cached.text();
    }

    private record CachedDate(long second, String text) {
    }

    private static volatile CachedDate date;

    private static List<Map.Entry<String, String>> headers(String contentType) {
        String now = httpDate();
        List<Map.Entry<String, String>> h = new ArrayList<>();
        h.add(Map.entry("Cache-Control", "max-age=0"));
        h.add(Map.entry("Date", now));
        h.add(Map.entry("Pragma", "no-cache"));
        h.add(Map.entry("Server", "pve-api-daemon/3.0"));
        if (contentType != null) {
            h.add(Map.entry("Content-Type", contentType));
        }
        h.add(Map.entry("Expires", now));
        return h;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
