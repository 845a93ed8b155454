package io.berth.testbed.pve.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** An API answer: status, headers, parsed body. */
public record ApiResponse(int status, HttpHeaders headers, JsonNode body, String raw) {

    public JsonNode data() {
        return body == null ? null : body.get("data");
    }

    /** The message PVE puts into the body (recent versions), trailing newline removed. */
    public String message() {
        return body == null || !body.hasNonNull("message") ? null : body.get("message").asText().stripTrailing();
    }

    public JsonNode errors() {
        return body == null ? null : body.get("errors");
    }

    public boolean ok() {
        return status == 200;
    }
}
