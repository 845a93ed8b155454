package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.cluster.ClusterNode;
import io.berth.testbed.pve.internal.cluster.StorageDefinition;

/** {@code GET /version}, {@code GET /nodes} and {@code GET /nodes/{node}/storage}. */
final class NodesApi {

    static final String VERSION = "9.0.10";

    private final SimContext ctx;
    private final String fingerprint;

    NodesApi(SimContext ctx, String fingerprint) {
        this.ctx = ctx;
        this.fingerprint = fingerprint;
    }

    ApiResult version(ApiCall call) {
        ObjectNode v = ctx.json().createObjectNode();
        v.put("release", "9.0");
        v.put("repoid", "deb1ca707ec72a89");
        v.put("version", VERSION);
        return ApiResult.of(v);
    }

    ApiResult nodes(ApiCall call) {
        long now = System.currentTimeMillis();
        ArrayNode out = ctx.json().createArrayNode();
        for (ClusterNode node : ctx.cluster().nodes()) {
            NodeMetrics m = NodeMetrics.of(node, ctx.vms(), now);
            ObjectNode n = out.addObject();
            n.put("node", node.name());
            n.put("status", "online");
            n.put("cpu", m.cpu());
            n.put("maxcpu", node.cores());
            n.put("mem", m.mem());
            n.put("maxmem", node.memoryBytes());
            n.put("uptime", m.uptime());
            n.put("level", "");
            if (fingerprint != null) {
                n.put("ssl_fingerprint", fingerprint);
            }
        }
        return ApiResult.of(out);
    }

    ApiResult storage(ApiCall call) {
        String node = call.params().required("node");
        String only = call.params().string("storage").orElse(null);
        String content = call.params().string("content").orElse(null);
        if (only != null && ctx.cluster().storage(only).isEmpty()) {
            throw PveError.of("storage '" + only + "' does not exist");
        }
        ArrayNode out = ctx.json().createArrayNode();
        for (StorageDefinition s : ctx.cluster().storages()) {
            if (only != null && !only.equals(s.id())) {
                continue;
            }
            if (content != null && !java.util.List.of(s.content().split(",")).containsAll(java.util.List.of(content.split(",")))) {
                continue;
            }
            long used = ctx.cluster().usage().used(s, node);
            ObjectNode n = out.addObject();
            n.put("storage", s.id());
            n.put("type", s.type());
            n.put("content", s.content());
            n.put("active", 1);
            n.put("enabled", 1);
            n.put("shared", s.shared() ? 1 : 0);
            n.put("total", s.capacityBytes());
            n.put("used", used);
            n.put("avail", Math.max(0, s.capacityBytes() - used));
            n.put("used_fraction", (double) used / s.capacityBytes());
        }
        return ApiResult.of(out);
    }
}
