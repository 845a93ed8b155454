package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.TextNode;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.task.Task;
import io.berth.testbed.pve.internal.task.TaskBody;
import io.berth.testbed.pve.internal.task.TaskContext;
import io.berth.testbed.pve.internal.task.Upid;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Forks a worker task ({@code $rpcenv->fork_worker}) on a node and answers with its UPID. */
final class TaskStarter {

    /** How long {@link #startLocked} waits at most for the worker to take its locks. */
    static final long LOCKED_WAIT_MILLIS = 200;

    private final SimContext ctx;

    TaskStarter(SimContext ctx) {
        this.ctx = ctx;
    }

    Task start(String node, String type, String id, ApiCall call, TaskBody body) {
        Upid upid = ctx.upids().next(node, type, id, call.taskUser());
        return ctx.tasks().submit(upid, body);
    }

    /**
     * Starts a task whose worker takes locks first, and returns once it holds them ({@code locked}
     * run), gave up on them or ended, at most {@link #LOCKED_WAIT_MILLIS} after the request. PVE
     * answers after forking, and the worker has usually taken its locks by the time the client reads
     * the UPID, so a caller's next request on the VM meets them held.
     */
    Task startLocked(String node, String type, String id, ApiCall call, LockingBody body)
            throws InterruptedException {
        CountDownLatch locked = new CountDownLatch(1);
        Task task = start(node, type, id, call, c -> {
            try {
                body.run(c, locked::countDown);
            } finally {
                locked.countDown();
            }
        });
        locked.await(LOCKED_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        return task;
    }

    /** A task body that says when it holds its locks. */
    interface LockingBody {
        void run(TaskContext context, Runnable locked) throws Exception;
    }

    static ApiResult upid(Task task) {
        return ApiResult.of(new TextNode(task.upid().toString()));
    }
}
