package io.berth.provider.proxmox.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line in a VM's description that names the Berth server it belongs to, so any VM can be traced
 * back (and a repeated clone recognised as this server's own):
 * <pre>berth-server-id: 3f2c…</pre>
 */
final class ServerMarker {

    static final String KEY = "berth-server-id";
    private static final Pattern LINE = Pattern.compile("(?m)^\\s*" + KEY + ":\\s*(\\S+)\\s*$");
    private static final String HEADER = "Managed by Berth: do not edit the line below.";

    private ServerMarker() {
    }

    static Optional<String> serverId(String description) {
        if (description == null) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(description);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A description for a new VM. */
    static String description(String serverId) {
        return HEADER + "\n" + KEY + ": " + check(serverId) + "\n";
    }

    /** The existing description with the marker for {@code serverId} (replacing any other marker). */
    static String description(String existing, String serverId) {
        String rest = existing == null ? "" : LINE.matcher(existing).replaceAll("").replace(HEADER, "").strip();
        return rest.isEmpty() ? description(serverId) : rest + "\n\n" + description(serverId);
    }

    private static String check(String serverId) {
        if (serverId.isBlank() || serverId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("server id must be non-empty without white space");
        }
        return serverId;
    }
}
