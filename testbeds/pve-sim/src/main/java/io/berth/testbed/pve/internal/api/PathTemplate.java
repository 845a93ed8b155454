package io.berth.testbed.pve.internal.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A path of the API tree with variables, such as {@code /nodes/{node}/qemu/{vmid}/config}. */
public final class PathTemplate {

    private final String text;
    private final String[] segments;

    public PathTemplate(String text) {
        this.text = text;
        this.segments = split(text);
    }

    public String text() {
        return text;
    }

    /** The variables of a matching (decoded) path, or empty when it does not match. */
    public Optional<Map<String, String>> match(String path) {
        return match(split(path));
    }

    /** As {@link #match(String)}, for a path already split with {@link #split(String)} (once per request). */
    public Optional<Map<String, String>> match(String[] parts) {
        if (parts.length != segments.length) {
            return Optional.empty();
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String s = segments[i];
            if (s.startsWith("{") && s.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                vars.put(s.substring(1, s.length() - 1), parts[i]);
            } else if (!s.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(vars);
    }

    /** The segments of a path, without leading and trailing slash. */
    public static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
