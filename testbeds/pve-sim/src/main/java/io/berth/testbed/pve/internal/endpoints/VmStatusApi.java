package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.qemu.AgentOption;
import io.berth.testbed.pve.internal.qemu.VmLookup;
import io.berth.testbed.pve.internal.qemu.VmMetrics;
import io.berth.testbed.pve.internal.vm.Vm;

/** {@code GET /nodes/{node}/qemu/{vmid}/status/current}. */
final class VmStatusApi {

    private final SimContext ctx;
    private final VmLookup lookup;

    VmStatusApi(SimContext ctx, VmLookup lookup) {
        this.ctx = ctx;
        this.lookup = lookup;
    }

    ApiResult current(ApiCall call) {
        Vm vm = lookup.load(call.params().required("node"), call.params().integer("vmid"));
        VmMetrics m = VmMetrics.of(vm, System.currentTimeMillis());
        Vm.RunState run = vm.runState();
        ObjectNode n = ctx.json().createObjectNode();
        n.put("vmid", vm.vmid());
        vm.get("name").ifPresent(v -> n.put("name", v));
        n.put("status", run.status());
        n.put("qmpstatus", run.status());
        n.put("cpus", m.cpus());
        n.put("maxmem", m.maxmem());
        n.put("mem", m.mem());
        n.put("maxdisk", m.maxdisk());
        n.put("uptime", m.uptime());
        n.put("cpu", m.cpu());
        n.put("netin", m.netin());
        n.put("netout", m.netout());
        n.put("diskread", m.diskread());
        n.put("diskwrite", m.diskwrite());
        n.putObject("ha").put("managed", 0);
        if (AgentOption.enabled(vm.config().get("agent"))) {
            n.put("agent", 1);
        }
        if (vm.get("serial0").isPresent()) {
            n.put("serial", 1);
        }
        if (run.pid() > 0) {
            n.put("pid", run.pid());
            n.put("running-qemu", "9.2.0");
            n.put("running-machine", "pc-i440fx-9.2+pve1");
        }
        if (vm.isTemplate()) {
            n.put("template", 1);
        }
        vm.get("tags").ifPresent(v -> n.put("tags", v));
        String lock = vm.lock();
        if (lock != null) {
            n.put("lock", lock);
        }
        return ApiResult.of(n);
    }
}
