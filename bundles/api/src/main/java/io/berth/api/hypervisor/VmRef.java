package io.berth.api.hypervisor;

import java.util.Objects;

/**
 * Identifies one VM on a hypervisor.
 *
 * @param node the cluster node it lives on
 * @param vmId the hypervisor's VM id (for Proxmox a number, kept as text)
 */
public record VmRef(String node, String vmId) {

    public VmRef {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(vmId, "vmId");
    }

    @Override
    public String toString() {
        return node + "/" + vmId;
    }
}
