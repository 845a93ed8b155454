package io.berth.testbed.pve.internal.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.schema.Schema;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Renders config values as PVE's {@code parse_vm_config} types them: integer and boolean options
 * become JSON numbers ({@code "cores":2}, {@code "template":1}), numbers become numbers, all
 * other values (property strings included, e.g. {@code "memory":"2048"}) stay strings.
 */
public final class ConfigJson {

    private final ConfigOptions options;
    private final ObjectMapper json;

    public ConfigJson(ConfigOptions options, ObjectMapper json) {
        this.options = options;
        this.json = json;
    }

    public ObjectNode render(Map<String, String> config) {
        ObjectNode out = json.createObjectNode();
        config.forEach((k, v) -> put(out, k, v));
        return out;
    }

    public void put(ObjectNode out, String key, String value) {
        String type = options.schema(key).map(Schema::type).orElse("string");
        try {
            switch (type) {
                case "integer" -> out.put(key, Long.parseLong(value));
                case "boolean" -> out.put(key, "1".equals(value) ? 1 : 0);
                case "number" -> out.put(key, new BigDecimal(value));
                default -> out.put(key, value);
            }
        } catch (NumberFormatException e) {
            out.put(key, value);
        }
    }
}
