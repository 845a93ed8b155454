package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.VmRef;
import io.berth.api.provider.ProviderException;

import java.util.Objects;

/** Reads one VM: its configuration and its current status. */
final class ProxmoxVms {

    private final ProxmoxHttp http;

    ProxmoxVms(ProxmoxHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The configuration; NOT_FOUND when the VM does not exist on that node. */
    VmConfig config(VmRef vm) throws ProviderException {
        return VmConfig.from(http.send(ProxmoxRequest.get(path(vm, "config"))));
    }

    VmStatus status(VmRef vm) throws ProviderException {
        return VmStatus.from(http.send(ProxmoxRequest.get(path(vm, "status", "current"))));
    }

    static String path(VmRef vm, String... more) throws ProviderException {
        Object[] segments = new Object[4 + more.length];
        segments[0] = "nodes";
        segments[1] = vm.node();
        segments[2] = "qemu";
        segments[3] = vmid(vm);
        System.arraycopy(more, 0, segments, 4, more.length);
        return ProxmoxRequest.path(segments);
    }

    static int vmid(VmRef vm) throws ProviderException {
        try {
            return Integer.parseInt(vm.vmId().trim());
        } catch (NumberFormatException e) {
            throw new ProviderException(ProviderException.Kind.INVALID,
                    "Proxmox VM ids are numbers, was '" + vm.vmId() + "'", e);
        }
    }
}
