package io.berth.testbed.pve.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A successful answer: the {@code data}, and the {@code total} PVE adds for paged lists.
 *
 * @param data  the value of {@code data}
 * @param total the {@code total} attribute, or null
 */
public record ApiResult(JsonNode data, Integer total) {

    public static ApiResult of(JsonNode data) {
        return new ApiResult(data == null ? NullNode.getInstance() : data, null);
    }

    public static ApiResult empty() {
        return of(NullNode.getInstance());
    }
}
