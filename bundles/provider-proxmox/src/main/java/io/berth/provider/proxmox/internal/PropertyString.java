package io.berth.provider.proxmox.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Proxmox property strings such as {@code virtio=BC:24:11:AA:BB:CC,bridge=vmbr0} or
 * {@code local-lvm:vm-101-disk-0,size=32G}. A first element without {@code =} is stored under the
 * key {@code ""} (the format's default key: the volume of a disk, {@code enabled} of {@code agent}).
 */
final class PropertyString {

    private PropertyString() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return values;
        }
        boolean first = true;
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                values.put(first ? "" : item, first ? item : "");
            } else {
                values.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
            }
            first = false;
        }
        return values;
    }

    static String format(Map<String, String> values) {
        StringJoiner joiner = new StringJoiner(",");
        values.forEach((k, v) -> joiner.add(k.isEmpty() ? v : k + "=" + v));
        return joiner.toString();
    }

    /** Sizes like {@code 32G}, {@code 512M}, {@code 1.5T}, {@code 10240K} or plain bytes, in bytes. */
    static long bytes(String size) {
        if (size == null || size.isBlank()) {
            return -1;
        }
        String text = size.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        char last = text.charAt(text.length() - 1);
        switch (last) {
            case 'K' -> unit = 1L << 10;
            case 'M' -> unit = 1L << 20;
            case 'G' -> unit = 1L << 30;
            case 'T' -> unit = 1L << 40;
            default -> unit = 1;
        }
        String number = unit == 1 ? text : text.substring(0, text.length() - 1);
        try {
            return Math.round(Double.parseDouble(number) * unit);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
