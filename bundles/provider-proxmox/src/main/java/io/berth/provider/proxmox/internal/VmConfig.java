package io.berth.provider.proxmox.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A VM's configuration as {@code GET /nodes/{node}/qemu/{vmid}/config} returns it (pending values
 * applied), every value as text.
 */
record VmConfig(Map<String, String> values) {

    private static final Pattern DISK_KEY = Pattern.compile("(scsi|virtio|sata|ide)\\d+");
    private static final List<String> FALLBACK_BOOT_DISKS = List.of("scsi0", "virtio0", "sata0", "ide0");

    VmConfig {
        values = Map.copyOf(values);
    }

    static VmConfig from(JsonNode data) {
        Map<String, String> values = new LinkedHashMap<>();
        if (data != null && data.isObject()) {
            data.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    values.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
                }
            });
        }
        return new VmConfig(values);
    }

    Optional<String> get(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    String digest() {
        return values.get("digest");
    }

    Optional<String> lock() {
        return get("lock");
    }

    boolean template() {
        return get("template").map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
    }

    String description() {
        return values.getOrDefault("description", "");
    }

    List<String> tags() {
        return ClusterResource.tags(values.get("tags"));
    }

    /**
     * The disk the VM boots from: the first disk in {@code boot: order=…}, else the legacy
     * {@code bootdisk}, else the first of scsi0, virtio0, sata0, ide0 that is a real disk.
     */
    Optional<String> bootDisk() {
        Map<String, String> boot = PropertyString.parse(values.get("boot"));
        String order = boot.getOrDefault("order", null);
        if (order != null) {
            for (String device : order.split(";")) {
                if (isDisk(device.trim())) {
                    return Optional.of(device.trim());
                }
            }
        }
        Optional<String> legacy = get("bootdisk");
        if (legacy.isPresent() && isDisk(legacy.get())) {
            return legacy;
        }
        return FALLBACK_BOOT_DISKS.stream().filter(this::isDisk).findFirst();
    }

    /** Whether the key names a disk holding an image (not a CD-ROM, not the cloud-init drive). */
    boolean isDisk(String key) {
        if (!DISK_KEY.matcher(key).matches() || !values.containsKey(key)) {
            return false;
        }
        Map<String, String> disk = PropertyString.parse(values.get(key));
        String volume = disk.getOrDefault("", "");
        return !volume.equals("none") && !volume.contains("cloudinit") && !"cdrom".equals(disk.get("media"));
    }

    /** Every disk key holding an image. */
    List<String> disks() {
        List<String> disks = new ArrayList<>();
        values.keySet().stream().filter(this::isDisk).sorted().forEach(disks::add);
        return disks;
    }

    /** The size of a disk in bytes, from its {@code size=} property; -1 when unknown. */
    long diskBytes(String key) {
        return PropertyString.bytes(PropertyString.parse(values.get(key)).get("size"));
    }

    /** The storage a disk's volume lives on ({@code local-lvm} of {@code local-lvm:vm-101-disk-0}). */
    Optional<String> diskStorage(String key) {
        String volume = PropertyString.parse(values.get(key)).getOrDefault("", "");
        int colon = volume.indexOf(':');
        return colon > 0 ? Optional.of(volume.substring(0, colon)) : Optional.empty();
    }

    /** The MAC address of {@code net0}, upper case, if set. */
    Optional<String> net0Mac() {
        Map<String, String> net = PropertyString.parse(values.get("net0"));
        for (Map.Entry<String, String> e : net.entrySet()) {
            if (e.getValue().matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                return Optional.of(e.getValue().toUpperCase(java.util.Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
