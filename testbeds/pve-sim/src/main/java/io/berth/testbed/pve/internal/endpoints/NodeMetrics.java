package io.berth.testbed.pve.internal.endpoints;

import io.berth.testbed.pve.internal.cluster.ClusterNode;
import io.berth.testbed.pve.internal.qemu.VmMetrics;
import io.berth.testbed.pve.internal.vm.Vm;
import io.berth.testbed.pve.internal.vm.VmStore;

/**
 * A node's load as PVE reports it: memory used by the host plus its running guests, CPU use
 * growing with the number of running guests, uptime since boot.
 */
record NodeMetrics(double cpu, long mem, long uptime, long runningMemory) {

    private static final long HOST_BASE_MEM = 3L * 1024 * 1024 * 1024;

    static NodeMetrics of(ClusterNode node, VmStore vms, long nowMillis) {
        long runningMem = 0;
        int running = 0;
        for (Vm vm : vms.onNode(node.name())) {
            if (vm.running()) {
                running++;
                runningMem += VmMetrics.of(vm, nowMillis).maxmem();
            }
        }
        double cpu = Math.min(1.0, 0.012 + running * 0.004);
        long mem = Math.min(node.memoryBytes(), HOST_BASE_MEM + runningMem * 3 / 4);
        return new NodeMetrics(cpu, mem, (nowMillis - node.bootMillis()) / 1000, runningMem);
    }
}
