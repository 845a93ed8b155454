package io.berth.provider.proxmox.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One call to the Proxmox VE API: method, path below {@code /api2/json}, parameters (query string
 * for GET and DELETE, form body otherwise), whether repeating it is safe, and an optional timeout.
 *
 * @param retrySafe whether the transport may repeat the request after a transient failure: true for
 *        reads and for writes whose repetition has no further effect (setting the same values)
 */
record ProxmoxRequest(String method, String path, Map<String, String> params, boolean retrySafe,
        Duration timeout) {

    ProxmoxRequest {
        params = Map.copyOf(new LinkedHashMap<>(params));
    }

    static ProxmoxRequest get(String path) {
        return new ProxmoxRequest("GET", path, Map.of(), true, null);
    }

    static ProxmoxRequest post(String path) {
        return new ProxmoxRequest("POST", path, Map.of(), false, null);
    }

    static ProxmoxRequest put(String path) {
        return new ProxmoxRequest("PUT", path, Map.of(), false, null);
    }

    static ProxmoxRequest delete(String path) {
        return new ProxmoxRequest("DELETE", path, Map.of(), false, null);
    }

    ProxmoxRequest with(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(params);
        more.put(name, String.valueOf(value));
        return new ProxmoxRequest(method, path, more, retrySafe, timeout);
    }

    ProxmoxRequest with(Map<String, String> values) {
        Map<String, String> more = new LinkedHashMap<>(params);
        more.putAll(values);
        return new ProxmoxRequest(method, path, more, retrySafe, timeout);
    }

    ProxmoxRequest retrySafe(boolean safe) {
        return new ProxmoxRequest(method, path, params, safe, timeout);
    }

    ProxmoxRequest timeout(Duration value) {
        return new ProxmoxRequest(method, path, params, retrySafe, value);
    }

    boolean mutating() {
        return !method.equals("GET");
    }

    boolean hasBody() {
        return method.equals("POST") || method.equals("PUT");
    }

    /** The parameters as {@code application/x-www-form-urlencoded} text, sorted for stable logs and tests. */
    String encodedParams() {
        StringJoiner joiner = new StringJoiner("&");
        params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> joiner.add(form(e.getKey()) + "=" + form(e.getValue())));
        return joiner.toString();
    }

    /** A path from segments, each percent-encoded (UPIDs contain {@code @} and {@code !}). */
    static String path(Object... segments) {
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            path.append('/').append(segment(String.valueOf(segment)));
        }
        return path.toString();
    }

    static String segment(String text) {
        // keep ':' readable (UPIDs are full of them, RFC 3986 allows it in a segment), encode the rest
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }

    private static String form(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // parameter values may hold secrets (the ticket request): never printed
        return method + " " + path;
    }
}
