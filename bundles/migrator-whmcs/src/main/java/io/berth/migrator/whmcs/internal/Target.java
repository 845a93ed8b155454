package io.berth.migrator.whmcs.internal;

import java.util.Locale;

/** Where a WHMCS configurable option or custom field goes in Berth. */
public enum Target {
    CPU_CORES, MEMORY_MB, DISK_GB, IMAGE, LOCATION, VM_ID, NODE, HYPERVISOR_ID,
    /** Kept verbatim in the server's (or user's) attributes. */
    ATTRIBUTE,
    /** Dropped. */
    IGNORE;

    /** The name used in mapping files and reports, e.g. {@code memory_mb}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean numeric() {
        return this == CPU_CORES || this == MEMORY_MB || this == DISK_GB;
    }

    public static Target of(String id) {
        try {
            return valueOf(id.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown target '" + id + "' (known: cpu_cores, memory_mb, disk_gb, "
                    + "image, location, vm_id, node, hypervisor_id, attribute, ignore)");
        }
    }
}
