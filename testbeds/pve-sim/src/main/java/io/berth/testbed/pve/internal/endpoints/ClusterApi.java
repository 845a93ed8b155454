package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.cluster.ClusterNode;
import io.berth.testbed.pve.internal.cluster.StorageDefinition;
import io.berth.testbed.pve.internal.qemu.VmMetrics;
import io.berth.testbed.pve.internal.vm.Vm;

/**
 * {@code GET /cluster/nextid} (a read of the VM list, not a reservation: concurrent callers get
 * the same id; answered as a string, as Perl does) and {@code GET /cluster/resources}.
 */
final class ClusterApi {

    private static final int LOWER = 100;
    private static final int UPPER = 1_000_000;

    private final SimContext ctx;

    ClusterApi(SimContext ctx) {
        this.ctx = ctx;
    }

    ApiResult nextId(ApiCall call) {
        var requested = call.params().string("vmid");
        if (requested.isPresent()) {
            int vmid = call.params().integer("vmid");
            if (ctx.vms().exists(vmid)) {
                throw PveError.param("vmid", "VM " + vmid + " already exists");
            }
            return ApiResult.of(new TextNode(requested.get()));
        }
        for (int i = LOWER; i < UPPER; i++) {
            if (!ctx.vms().exists(i)) {
                return ApiResult.of(new TextNode(Integer.toString(i)));
            }
        }
        throw PveError.of("unable to get any free VMID in range [" + LOWER + ", " + UPPER + "]");
    }

    ApiResult resources(ApiCall call) {
        String type = call.params().string("type").orElse(null);
        long now = System.currentTimeMillis();
        ArrayNode out = ctx.json().createArrayNode();
        if (type == null || type.equals("vm")) {
            for (Vm vm : ctx.vms().all()) {
                out.add(vmResource(vm, now));
            }
        }
        if (type == null || type.equals("node")) {
            for (ClusterNode node : ctx.cluster().nodes()) {
                NodeMetrics m = NodeMetrics.of(node, ctx.vms(), now);
                ObjectNode n = out.addObject();
                n.put("id", "node/" + node.name());
                n.put("type", "node");
                n.put("node", node.name());
                n.put("status", "online");
                n.put("cpu", m.cpu());
                n.put("maxcpu", node.cores());
                n.put("mem", m.mem());
                n.put("maxmem", node.memoryBytes());
                n.put("disk", node.rootfsBytes() / 5);
                n.put("maxdisk", node.rootfsBytes());
                n.put("uptime", m.uptime());
                n.put("level", "");
                n.put("cgroup-mode", 2);
            }
        }
        if (type == null || type.equals("storage")) {
            for (ClusterNode node : ctx.cluster().nodes()) {
                for (StorageDefinition s : ctx.cluster().storages()) {
                    ObjectNode n = out.addObject();
                    n.put("id", "storage/" + node.name() + "/" + s.id());
                    n.put("type", "storage");
                    n.put("node", node.name());
                    n.put("storage", s.id());
                    n.put("status", "available");
                    n.put("disk", ctx.cluster().usage().used(s, node.name()));
                    n.put("maxdisk", s.capacityBytes());
                    n.put("content", s.content());
                    n.put("plugintype", s.type());
                }
            }
        }
        if (type == null || type.equals("sdn")) {
            for (ClusterNode node : ctx.cluster().nodes()) {
                ObjectNode n = out.addObject();
                n.put("id", "sdn/" + node.name() + "/localnetwork");
                n.put("type", "sdn");
                n.put("sdn", "localnetwork");
                n.put("node", node.name());
                n.put("status", "ok");
            }
        }
        return ApiResult.of(out);
    }

    private ObjectNode vmResource(Vm vm, long now) {
        VmMetrics m = VmMetrics.of(vm, now);
        ObjectNode n = ctx.json().createObjectNode();
        n.put("id", "qemu/" + vm.vmid());
        n.put("type", "qemu");
        n.put("vmid", vm.vmid());
        n.put("node", vm.node());
        vm.get("name").ifPresent(v -> n.put("name", v));
        n.put("status", vm.status());
        n.put("template", vm.isTemplate() ? 1 : 0);
        n.put("maxcpu", m.cpus());
        n.put("maxmem", m.maxmem());
        n.put("mem", m.mem());
        n.put("cpu", m.cpu());
        n.put("disk", 0);
        n.put("maxdisk", m.maxdisk());
        n.put("uptime", m.uptime());
        n.put("netin", m.netin());
        n.put("netout", m.netout());
        n.put("diskread", m.diskread());
        n.put("diskwrite", m.diskwrite());
        vm.get("tags").ifPresent(v -> n.put("tags", v));
        String lock = vm.lock();
        if (lock != null) {
            n.put("lock", lock);
        }
        return n;
    }
}
