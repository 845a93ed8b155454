package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.TextNode;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.task.Task;
import io.berth.testbed.pve.internal.task.TaskBody;
import io.berth.testbed.pve.internal.task.Upid;

/** Forks a worker task ({@code $rpcenv->fork_worker}) on a node and answers with its UPID. */
final class TaskStarter {

    private final SimContext ctx;

    TaskStarter(SimContext ctx) {
        this.ctx = ctx;
    }

    Task start(String node, String type, String id, ApiCall call, TaskBody body) {
        Upid upid = ctx.upids().next(node, type, id, call.taskUser());
        return ctx.tasks().submit(upid, body);
    }

    static ApiResult upid(Task task) {
        return ApiResult.of(new TextNode(task.upid().toString()));
    }
}
