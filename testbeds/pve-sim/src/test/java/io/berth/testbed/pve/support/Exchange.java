package io.berth.testbed.pve.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One recorded request/answer pair, as sent and received over the wire.
 *
 * @param method the HTTP method
 * @param path   the path below {@code /api2/json} (decoded)
 * @param params the parameters sent (form or query)
 * @param status the HTTP status
 * @param body   the parsed answer body, or null when empty
 */
public record Exchange(String method, String path, Map<String, String> params, int status, JsonNode body) {
}
