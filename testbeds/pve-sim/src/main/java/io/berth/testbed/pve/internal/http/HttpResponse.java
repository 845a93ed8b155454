package io.berth.testbed.pve.internal.http;

import java.util.List;
import java.util.Map;

/**
 * One HTTP response. The reason phrase is free text, as PVE puts its error message there.
 *
 * @param status  the status code
 * @param reason  the reason phrase (sanitised to one ASCII line when written)
 * @param headers extra headers in order (Content-Length and Connection are added by the writer)
 * @param body    the body, possibly empty
 * @param close   whether to close the connection after this response
 */
public record HttpResponse(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body,
                           boolean close) {

    public HttpResponse {
        headers = List.copyOf(headers);
    }

    public HttpResponse closing() {
        return new HttpResponse(status, reason, headers, body, true);
    }
}
