package io.berth.testbed.pve.internal.qemu;

import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.vm.Vm;
import io.berth.testbed.pve.internal.vm.VmStore;

/** {@code PVE::QemuConfig->load_config} and {@code check_lock}, with PVE's messages. */
public final class VmLookup {

    private final VmStore vms;

    public VmLookup(VmStore vms) {
        this.vms = vms;
    }

    /** The VM whose config lives on this node; else PVE's "does not exist" error. */
    public Vm load(String node, int vmid) {
        return vms.get(vmid).filter(vm -> vm.node().equals(node))
                .orElseThrow(() -> PveError.of("Configuration file 'nodes/" + node + "/qemu-server/" + vmid
                        + ".conf' does not exist"));
    }

    /** Fails with {@code VM is locked (clone)} when the config carries a lock. */
    public static void checkLock(Vm vm) {
        String lock = vm.lock();
        if (lock != null) {
            throw PveError.of("VM is locked (" + lock + ")");
        }
    }
}
