package io.berth.testbed.pve.internal.http;

import java.util.Map;

/**
 * One parsed HTTP/1.1 request.
 *
 * @param method  the request method, e.g. {@code POST}
 * @param rawPath the path as sent, still percent-encoded, without the query
 * @param rawQuery the query string as sent (without {@code ?}), or empty
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers header values by lower-case name (repeated headers joined with {@code ", "})
 * @param body    the request body, possibly empty
 * @param peer    the client address, for logging
 */
public record HttpRequest(String method, String rawPath, String rawQuery, String version,
                          Map<String, String> headers, byte[] body, String peer) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether the client asked to keep the connection open after this exchange. */
    public boolean keepAlive() {
        String connection = header("connection");
        if (connection != null) {
            String c = connection.toLowerCase(java.util.Locale.ROOT);
            if (c.contains("close")) {
                return false;
            }
            if (c.contains("keep-alive")) {
                return true;
            }
        }
        return !"HTTP/1.0".equals(version);
    }
}
