package io.berth.provider.proxmox.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One row of {@code GET /cluster/resources}: a node, a storage (per node) or a guest.
 *
 * @param type {@code node}, {@code storage}, {@code qemu}, {@code lxc}, …
 * @param vmid the guest id, 0 for other types
 * @param shared for storages: whether all nodes see it (only when Proxmox reports it)
 */
record ClusterResource(String type, String id, String node, int vmid, String name, String status, boolean template,
        String lock, List<String> tags, long maxmem, long mem, double maxcpu, double cpu, long maxdisk, long disk,
        String storage, String content, boolean shared) {

    static ClusterResource from(JsonNode row) {
        String lock = Json.text(row, "lock");
        return new ClusterResource(
                Json.text(row, "type", ""),
                Json.text(row, "id", ""),
                Json.text(row, "node"),
                (int) Json.number(row, "vmid", 0),
                Json.text(row, "name"),
                Json.text(row, "status", ""),
                Json.flag(row, "template"),
                lock == null || lock.isBlank() ? null : lock,
                tags(Json.text(row, "tags")),
                Json.number(row, "maxmem", 0),
                Json.number(row, "mem", 0),
                Json.decimal(row, "maxcpu", 0),
                Json.decimal(row, "cpu", 0),
                Json.number(row, "maxdisk", 0),
                Json.number(row, "disk", 0),
                Json.text(row, "storage"),
                Json.text(row, "content"),
                Json.flag(row, "shared"));
    }

    /** Proxmox separates tags with ';' (and accepts ',' or spaces); they are case-insensitive. */
    static List<String> tags(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[;,\\s]+")).map(t -> t.trim().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).distinct().toList();
    }

    boolean isQemu() {
        return type.equals("qemu");
    }

    boolean isGuest() {
        return type.equals("qemu") || type.equals("lxc");
    }

    boolean isNode() {
        return type.equals("node");
    }

    boolean isStorage() {
        return type.equals("storage");
    }

    boolean online() {
        return status.equals("online") || status.equals("available");
    }

    boolean holdsImages() {
        return content == null || content.isBlank() || Arrays.asList(content.split(",")).contains("images");
    }

    long freeMemory() {
        return Math.max(0, maxmem - mem);
    }

    long freeDisk() {
        return Math.max(0, maxdisk - disk);
    }
}
