package io.berth.testbed.pve.internal.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a method's parameter schema: an object that allows no other properties. */
public final class ParamSet {

    private final Map<String, Schema> properties = new LinkedHashMap<>();

    public static ParamSet params() {
        return new ParamSet();
    }

    public ParamSet required(String name, Schema.Builder schema) {
        properties.put(name, schema.optional(false).build());
        return this;
    }

    public ParamSet optional(String name, Schema.Builder schema) {
        properties.put(name, schema.optional(true).build());
        return this;
    }

    /** A family {@code prefix0 … prefixMax} ({@code net[n]} in the API documentation). */
    public ParamSet indexed(String prefix, int max, Schema.Builder schema) {
        properties.put(prefix + "[n]", schema.optional(true).indexMax(max).build());
        return this;
    }

    public ParamSet all(Map<String, Schema> more) {
        properties.putAll(more);
        return this;
    }

    public Schema build() {
        return Schema.builder("object").properties(properties).additionalProperties(false).build();
    }
}
