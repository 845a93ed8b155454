package io.berth.provider.proxmox.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Lenient readers for Proxmox VE JSON: numbers sometimes arrive as strings ({@code "vmid":"101"}),
 * booleans as 0/1, and optional fields are simply missing.
 */
final class Json {

    private Json() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    static String text(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null ? fallback : value;
    }

    static OptionalLong number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (value.isNumber()) {
            return OptionalLong.of(value.asLong());
        }
        return parseLong(value.asText());
    }

    static long number(JsonNode node, String field, long fallback) {
        return number(node, field).orElse(fallback);
    }

    static double decimal(JsonNode node, String field, double fallback) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asText().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static boolean flag(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asLong() != 0;
        }
        String text = value.asText().trim();
        return text.equals("1") || text.equalsIgnoreCase("true");
    }

    /** The value as a string when the data is a scalar (a UPID, an id), empty for {@code null}. */
    static Optional<String> scalar(JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode() || !data.isValueNode()) {
            return Optional.empty();
        }
        String text = data.asText();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    static OptionalLong parseLong(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            try {
                return OptionalLong.of((long) Double.parseDouble(text.trim()));
            } catch (NumberFormatException again) {
                return OptionalLong.empty();
            }
        }
    }
}
