package io.berth.testbed.pve.internal.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All guests of the cluster by VMID (the cluster-wide VM list of pmxcfs). A reset bumps the
 * generation, so that work started before it cannot add VMs afterwards.
 */
public final class VmStore {

    private final ConcurrentSkipListMap<Integer, Vm> vms = new ConcurrentSkipListMap<>();
    private final AtomicLong generation = new AtomicLong();

    public long generation() {
        return generation.get();
    }

    public Optional<Vm> get(int vmid) {
        return Optional.ofNullable(vms.get(vmid));
    }

    public boolean exists(int vmid) {
        return vms.containsKey(vmid);
    }

    /** Adds the VM unless its id is taken or the store was reset since {@code expectedGeneration}. */
    public synchronized boolean add(Vm vm, long expectedGeneration) {
        if (generation.get() != expectedGeneration) {
            return false;
        }
        return vms.putIfAbsent(vm.vmid(), vm) == null;
    }

    public void remove(Vm vm) {
        vms.remove(vm.vmid(), vm);
    }

    public List<Vm> all() {
        return new ArrayList<>(vms.values());
    }

    public List<Vm> onNode(String node) {
        List<Vm> out = new ArrayList<>();
        for (Vm vm : vms.values()) {
            if (vm.node().equals(node)) {
                out.add(vm);
            }
        }
        return out;
    }

    public synchronized void clear() {
        generation.incrementAndGet();
        vms.clear();
    }
}
