package io.berth.testbed.pve.internal.task;

import io.berth.testbed.pve.internal.PveError;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs task bodies on worker threads (PVE forks a worker process per task), records them in
 * the {@link TaskRegistry}, and turns their outcome into the exit status.
 */
public final class TaskRunner implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TaskRunner.class.getName());

    private final TaskRegistry registry;
    private final TaskFaults faults;
    private final ThreadPoolExecutor workers;

    public TaskRunner(TaskRegistry registry, TaskFaults faults, String name) {
        this.registry = registry;
        this.faults = faults;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, 4096, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name + "-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers the task and starts its body; returns at once. */
    public Task submit(Upid upid, TaskBody body) {
        Task task = new Task(upid);
        boolean fail = faults.shouldFail(upid.type());
        TaskContext context = new TaskContext(task, fail, faults.failureMessage(), faults.extraLatency());
        registry.add(task);
        workers.execute(() -> run(task, context, body));
        return task;
    }

    private void run(Task task, TaskContext context, TaskBody body) {
        try {
            body.run(context);
            if (faults.shouldWarn(task.upid().type())) {
                task.warn("simulated warning (fault injection)");
            }
            task.finishOk();
        } catch (PveError e) {
            task.finishError(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.finishError("interrupted by signal");
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "task {0} failed unexpectedly", task.upid(), e);
            task.finishError(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
