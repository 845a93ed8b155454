package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.task.Task;
import io.berth.testbed.pve.internal.task.Upid;
import java.util.List;

/** {@code GET /nodes/{node}/tasks/{upid}/status} and {@code …/log}. */
final class TaskApi {

    private final SimContext ctx;

    TaskApi(SimContext ctx) {
        this.ctx = ctx;
    }

    ApiResult status(ApiCall call) {
        Task task = find(call);
        Upid u = task.upid();
        ObjectNode n = ctx.json().createObjectNode();
        n.put("upid", u.toString());
        n.put("node", u.node());
        n.put("pid", u.pid());
        n.put("pstart", u.pstart());
        n.put("starttime", u.startTime());
        n.put("type", u.type());
        n.put("id", u.id());
        n.put("user", u.user());
        String exit = task.exitStatus();
        n.put("status", exit == null ? "running" : "stopped");
        if (exit != null) {
            n.put("exitstatus", exit);
        }
        return ApiResult.of(n);
    }

    ApiResult log(ApiCall call) {
        Task task = find(call);
        List<String> lines = task.lines();
        int start = call.params().optionalInteger("start").orElse(0);
        int limit = call.params().optionalInteger("limit").orElse(50);
        if (limit == 0) {
            limit = 50;
        }
        ArrayNode out = ctx.json().createArrayNode();
        for (int i = start; i < lines.size() && i < start + limit; i++) {
            ObjectNode l = out.addObject();
            l.put("n", i + 1);
            l.put("t", lines.get(i));
        }
        return new ApiResult(out, lines.size());
    }

    private Task find(ApiCall call) {
        String text = call.params().required("upid");
        Upid upid = Upid.parse(text).orElseThrow(() -> PveError.param("upid", "unable to parse worker upid"));
        if (!upid.node().equals(call.params().required("node"))) {
            throw PveError.param("upid", "no such task");
        }
        return ctx.taskRegistry().find(text).orElseThrow(() -> PveError.param("upid", "no such task"));
    }
}
