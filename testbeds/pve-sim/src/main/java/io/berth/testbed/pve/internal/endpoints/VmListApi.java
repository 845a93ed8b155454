package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.qemu.VmMetrics;
import io.berth.testbed.pve.internal.vm.Vm;

/** {@code GET /nodes/{node}/qemu}: the guests whose config lives on this node. */
final class VmListApi {

    private final SimContext ctx;

    VmListApi(SimContext ctx) {
        this.ctx = ctx;
    }

    ApiResult list(ApiCall call) {
        String node = call.params().required("node");
        boolean full = call.params().bool("full", false);
        long now = System.currentTimeMillis();
        ArrayNode out = ctx.json().createArrayNode();
        for (Vm vm : ctx.vms().onNode(node)) {
            VmMetrics m = VmMetrics.of(vm, now);
            Vm.RunState run = vm.runState();
            ObjectNode n = out.addObject();
            n.put("vmid", vm.vmid());
            vm.get("name").ifPresent(v -> n.put("name", v));
            n.put("status", run.status());
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
            if (run.pid() > 0) {
                n.put("pid", run.pid());
            }
            if (vm.isTemplate()) {
                n.put("template", 1);
            }
            vm.get("tags").ifPresent(v -> n.put("tags", v));
            String lock = vm.lock();
            if (lock != null) {
                n.put("lock", lock);
            }
            if (full) {
                n.put("qmpstatus", run.status());
            }
        }
        return ApiResult.of(out);
    }
}
