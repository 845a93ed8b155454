package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.task.Task;
import io.berth.testbed.pve.internal.task.Upid;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /nodes/{node}/tasks} (the node's task list, newest first, as {@code node_tasks} of
 * pve-manager), {@code GET /nodes/{node}/tasks/{upid}/status} and {@code …/log}.
 */
final class TaskApi {

    private final SimContext ctx;

    TaskApi(SimContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The node's tasks: {@code source} archive (ended, the default), active (running) or all;
     * {@code since}/{@code until} bound the start time; filters by type, user (substring, any case),
     * VM, errors only, or status kinds ({@code ok}, {@code warning}, {@code error}); then {@code start}
     * skips and {@code limit} (default 50) cuts. Ended tasks carry {@code endtime} and their exit
     * status as {@code status}, running ones the status {@code RUNNING} and no end time (as
     * {@code PVE::API2::Tasks} lists the active ones); the answer's {@code total} counts the matches
     * before the cut.
     */
    ApiResult list(ApiCall call) {
        String node = call.params().required("node");
        String source = call.params().string("source").orElse("archive");
        Optional<Integer> since = call.params().optionalInteger("since");
        Optional<Integer> until = call.params().optionalInteger("until");
        Optional<String> type = call.params().string("typefilter");
        Optional<String> user = call.params().string("userfilter").map(u -> u.toLowerCase(Locale.ROOT));
        Optional<Integer> vmid = call.params().optionalInteger("vmid");
        boolean errors = call.params().bool("errors", false);
        Optional<List<String>> kinds = call.params().string("statusfilter")
                .map(f -> Arrays.stream(f.split("[,;\\s]+")).filter(k -> !k.isEmpty()).map(k -> k.toLowerCase(Locale.ROOT))
                        .toList());
        int start = call.params().optionalInteger("start").orElse(0);
        int limit = call.params().optionalInteger("limit").orElse(50);
        List<Task> matching = ctx.taskRegistry().all().stream()
                .filter(t -> t.upid().node().equals(node))
                .filter(t -> switch (source) {
                    case "active" -> t.running();
                    case "all" -> true;
                    default -> !t.running();
                })
                .filter(t -> since.map(s -> t.upid().startTime() >= s).orElse(true))
                .filter(t -> until.map(u -> t.upid().startTime() <= u).orElse(true))
                .filter(t -> type.map(t.upid().type()::equals).orElse(true))
                .filter(t -> user.map(u -> t.upid().user().toLowerCase(Locale.ROOT).contains(u)).orElse(true))
                .filter(t -> vmid.map(v -> String.valueOf(v).equals(t.upid().id())).orElse(true))
                .filter(t -> !errors || "error".equals(kind(t)))
                .filter(t -> kinds.map(k -> k.contains(kind(t))).orElse(true))
                .sorted(Comparator.comparingLong((Task t) -> t.upid().startTime())
                        .thenComparing(t -> t.upid().toString()).reversed())
                .toList();
        ArrayNode out = ctx.json().createArrayNode();
        matching.stream().skip(start).limit(limit).forEach(t -> out.add(listed(t)));
        return new ApiResult(out, matching.size());
    }

    /** ok, warning or error for an ended task (as PVE's status filter names them); running otherwise. */
    private static String kind(Task t) {
        String exit = t.exitStatus();
        if (exit == null) {
            return "running";
        }
        return "OK".equals(exit) ? "ok" : exit.startsWith("WARNINGS: ") ? "warning" : "error";
    }

    ApiResult status(ApiCall call) {
        Task task = find(call);
        ObjectNode n = fields(task);
        String exit = task.exitStatus();
        n.put("status", exit == null ? "running" : "stopped"); // the list's status is the exit status
        if (exit != null) {
            n.put("exitstatus", exit);
        }
        return ApiResult.of(n);
    }

    /** A task as the list shows it: ended ones with their end time and exit status. */
    private ObjectNode listed(Task task) {
        ObjectNode n = fields(task);
        String exit = task.exitStatus();
        if (exit != null) {
            n.put("endtime", task.endTime());
        }
        n.put("status", exit != null ? exit : "RUNNING"); // as pve-manager lists an active task
        return n;
    }

    /** What the list and the status say of every task: its UPID and the fields encoded in it. */
    private ObjectNode fields(Task task) {
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
        return n;
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
