package io.berth.api.hypervisor;

import java.util.Objects;

/**
 * Where a new VM goes: the node and VM id chosen for it, and the storage its disk is cloned to.
 *
 * @param vm the node and VM id
 * @param storage the storage for its disks, or {@code null} for the template's own
 */
public record Placement(VmRef vm, String storage) {

    public Placement {
        Objects.requireNonNull(vm, "vm");
    }
}
