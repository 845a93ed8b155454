package io.berth.testbed.pve.internal.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses property strings ({@code virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1}) the way
 * {@code PVE::JSONSchema::parse_property_string} does: a value without a key goes to the
 * format's default key, aliases ({@code virtio=<mac>} → {@code macaddr}, with the key itself
 * stored under the key alias {@code model}) are resolved, booleans are normalised to 0/1.
 */
public final class PropertyStrings {

    private static final Pattern KEY_VALUE = Pattern.compile("^([^=]+)=(.+)$", Pattern.DOTALL);

    private PropertyStrings() {
    }

    /** Splits and resolves the string; the values are not checked against their schemas here. */
    public static Map<String, String> parse(Map<String, Schema> format, String data) throws FormatException {
        Map<String, String> res = new LinkedHashMap<>();
        String defaultKey = null;
        for (String part : data.split(",", -1)) {
            if (part.isBlank()) {
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(part);
            if (kv.matches()) {
                String k = kv.group(1);
                String v = kv.group(2);
                if (res.containsKey(k)) {
                    throw new FormatException("duplicate key in comma-separated list property: " + k);
                }
                Schema schema = format.get(k);
                if (schema != null && schema.alias() != null) {
                    if (schema.keyAlias() != null) {
                        if (res.containsKey(schema.keyAlias())) {
                            throw new FormatException("key alias '" + schema.keyAlias() + "' is already defined");
                        }
                        res.put(schema.keyAlias(), k);
                    }
                    k = schema.alias();
                    schema = format.get(k);
                }
                if (schema == null) {
                    throw new FormatException("invalid key in comma-separated list property: " + k);
                }
                if ("boolean".equals(schema.type())) {
                    v = parseBoolean(v);
                }
                res.put(k, v);
            } else if (!part.contains("=")) {
                if (defaultKey != null) {
                    throw new FormatException("duplicate key in comma-separated list property: " + defaultKey);
                }
                for (Map.Entry<String, Schema> e : format.entrySet()) {
                    if (e.getValue().defaultKey()) {
                        defaultKey = e.getKey();
                        break;
                    }
                }
                if (defaultKey == null) {
                    throw new FormatException("value without key, but schema does not define a default key");
                }
                if (res.containsKey(defaultKey)) {
                    throw new FormatException("duplicate key in comma-separated list property: " + defaultKey);
                }
                String v = part;
                if ("boolean".equals(format.get(defaultKey).type())) {
                    v = parseBoolean(v);
                }
                res.put(defaultKey, v);
            } else {
                throw new FormatException("missing key in comma-separated list property");
            }
        }
        return res;
    }

    /** {@code PVE::JSONSchema::parse_boolean}: on/yes/true → 1, off/no/false → 0, else unchanged. */
    public static String parseBoolean(String v) {
        String l = v.toLowerCase(java.util.Locale.ROOT);
        if (l.equals("1") || l.equals("on") || l.equals("yes") || l.equals("true")) {
            return "1";
        }
        if (l.equals("0") || l.equals("off") || l.equals("no") || l.equals("false")) {
            return "0";
        }
        return v;
    }
}
