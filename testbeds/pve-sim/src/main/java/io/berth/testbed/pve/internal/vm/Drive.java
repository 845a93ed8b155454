package io.berth.testbed.pve.internal.vm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A drive entry of a VM config ({@code scsi0: ceph-vm:vm-105-disk-0,discard=on,size=32G}):
 * the volume and its options, in order.
 */
public final class Drive {

    private static final Pattern DRIVE_KEY = Pattern.compile("^(ide[0-3]|sata[0-5]|scsi([12]?[0-9]|30)|virtio(1[0-5]|[0-9])|efidisk0|tpmstate0)$");
    private static final Pattern CLOUDINIT = Pattern.compile("[:/](?:vm-\\d+-)?cloudinit(?:\\.(raw|qcow2|vmdk))?$");

    private final String file;
    private final Map<String, String> options;

    private Drive(String file, Map<String, String> options) {
        this.file = file;
        this.options = options;
    }

    public static boolean isDriveKey(String key) {
        return DRIVE_KEY.matcher(key).matches();
    }

    public static Drive parse(String value) {
        String file = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                file = part;
            } else {
                String k = part.substring(0, eq);
                String v = part.substring(eq + 1);
                if (k.equals("file") || k.equals("volume")) {
                    file = v;
                } else {
                    options.put(k, v);
                }
            }
        }
        return new Drive(file == null ? "none" : file, options);
    }

    public static Drive of(String file, Map<String, String> options) {
        return new Drive(file, new LinkedHashMap<>(options));
    }

    public String file() {
        return file;
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public boolean isCdrom() {
        return "cdrom".equals(options.get("media"));
    }

    public boolean isCloudInit() {
        return CLOUDINIT.matcher(file).find();
    }

    /** The storage id of the volume, or empty for {@code none}, {@code cdrom} or a path. */
    public Optional<String> storage() {
        int colon = file.indexOf(':');
        return colon > 0 && !file.startsWith("/") ? Optional.of(file.substring(0, colon)) : Optional.empty();
    }

    public String volname() {
        int colon = file.indexOf(':');
        return colon > 0 ? file.substring(colon + 1) : file;
    }

    public long sizeBytes() {
        return option("size").map(SizeFormat::parse).filter(v -> v >= 0).orElse(0L);
    }

    public Drive withFile(String newFile) {
        return new Drive(newFile, new LinkedHashMap<>(options));
    }

    public Drive withOption(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.put(key, value);
        return new Drive(file, copy);
    }

    public String print() {
        StringBuilder sb = new StringBuilder(file);
        options.forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
        return sb.toString();
    }
}
