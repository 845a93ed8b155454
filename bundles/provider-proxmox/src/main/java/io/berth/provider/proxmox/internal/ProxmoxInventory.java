package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every VM carrying the Berth tag, cluster-wide ({@code GET /cluster/resources?type=vm}), with the
 * server id read from each one's description. A VM that vanishes between the two reads is skipped.
 */
final class ProxmoxInventory {

    private final ProxmoxCluster cluster;
    private final ProxmoxVms vms;

    ProxmoxInventory(ProxmoxCluster cluster, ProxmoxVms vms) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.vms = Objects.requireNonNull(vms, "vms");
    }

    List<VmState> list() throws ProviderException {
        List<VmState> states = new ArrayList<>();
        for (ClusterResource guest : cluster.guests()) {
            if (!guest.isQemu() || guest.template() || !guest.tags().contains(Hypervisor.BERTH_TAG)
                    || guest.node() == null) {
                continue;
            }
            VmRef vm = new VmRef(guest.node(), String.valueOf(guest.vmid()));
            String serverId;
            try {
                serverId = ServerMarker.serverId(vms.config(vm).description()).orElse(null);
            } catch (ProviderException e) {
                if (e.kind() == Kind.NOT_FOUND) {
                    continue;
                }
                throw e;
            }
            VmState.Power power = guest.status().equals("running") ? VmState.Power.RUNNING : VmState.Power.STOPPED;
            states.add(new VmState(vm, power, guest.lock() != null, guest.name(), serverId));
        }
        return states;
    }
}
