package io.berth.testbed.pve.internal.qemu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The SHA1 of a VM's config file text, as GET config reports it in {@code digest}. */
public final class ConfigDigest {

    private ConfigDigest() {
    }

    public static String of(Map<String, String> config, Map<String, String> pending, Set<String> pendingDelete) {
        StringBuilder text = new StringBuilder();
        String description = config.get("description");
        if (description != null) {
            for (String line : description.split("\n", -1)) {
                text.append('#').append(line).append('\n');
            }
        }
        new TreeMap<>(config).forEach((k, v) -> {
            if (!k.equals("description")) {
                text.append(k).append(": ").append(v).append('\n');
            }
        });
        if (!pending.isEmpty() || !pendingDelete.isEmpty()) {
            text.append("\n[PENDING]\n");
            new TreeMap<>(pending).forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
            if (!pendingDelete.isEmpty()) {
                text.append("delete: ").append(String.join(",", pendingDelete)).append('\n');
            }
        }
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
