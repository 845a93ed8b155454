package io.berth.testbed.pve.internal.api;

import io.berth.testbed.pve.internal.schema.SchemaValidator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A request's parameters (already validated), with PVE-style typed access. */
public final class Params {

    private final Map<String, Object> values;

    public Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Optional<String> string(String name) {
        Object v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(SchemaValidator.perlString(v));
    }

    public String required(String name) {
        return string(name).orElseThrow(() -> new IllegalStateException("validated parameter missing: " + name));
    }

    public int integer(String name) {
        return Integer.parseInt(stripPlus(required(name)));
    }

    public Optional<Integer> optionalInteger(String name) {
        return string(name).map(s -> Integer.parseInt(stripPlus(s)));
    }

    /** A boolean parameter: {@code 1} or JSON {@code true} is true, absent is {@code fallback}. */
    public boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        return v instanceof Boolean b ? b : "1".equals(SchemaValidator.perlString(v));
    }

    /** A boolean that may be absent. */
    public Optional<Boolean> optionalBool(String name) {
        return has(name) ? Optional.of(bool(name, false)) : Optional.empty();
    }

    private static String stripPlus(String s) {
        return s.startsWith("+") ? s.substring(1) : s;
    }
}
