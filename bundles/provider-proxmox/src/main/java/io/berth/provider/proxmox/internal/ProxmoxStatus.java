package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.util.Objects;
import java.util.Optional;

/**
 * A VM's state: power and lock from {@code status/current}, name and server id from its config.
 * A VM missing on the given node but present elsewhere in the cluster (migrated) is reported where
 * it is; a VM missing everywhere is {@link VmState.Power#ABSENT}.
 */
final class ProxmoxStatus {

    private final ProxmoxVms vms;
    private final ProxmoxCluster cluster;

    ProxmoxStatus(ProxmoxVms vms, ProxmoxCluster cluster) {
        this.vms = Objects.requireNonNull(vms, "vms");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    VmState state(VmRef vm) throws ProviderException {
        Optional<VmState> here = stateOn(vm);
        if (here.isPresent()) {
            return here.get();
        }
        Optional<ClusterResource> elsewhere = cluster.guest(ProxmoxVms.vmid(vm));
        if (elsewhere.isPresent() && elsewhere.get().isQemu() && elsewhere.get().node() != null
                && !elsewhere.get().node().equals(vm.node())) {
            return stateOn(new VmRef(elsewhere.get().node(), vm.vmId())).orElse(VmState.absent(vm));
        }
        return VmState.absent(vm);
    }

    private Optional<VmState> stateOn(VmRef vm) throws ProviderException {
        try {
            VmStatus status = vms.status(vm);
            VmConfig config = vms.config(vm);
            String lock = status.lock() != null ? status.lock() : config.lock().orElse(null);
            String name = config.get("name").orElse(status.name());
            return Optional.of(new VmState(vm, status.power(), lock != null, name,
                    ServerMarker.serverId(config.description()).orElse(null)));
        } catch (ProviderException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
