package io.berth.testbed.pve.internal.task;

import io.berth.testbed.pve.internal.PveError;
import java.time.Duration;

/** What a running task body can do: log, spend time, and learn whether it is meant to fail. */
public final class TaskContext {

    private final Task task;
    private final boolean injectedFailure;
    private final String configuredMessage;
    private final Duration extraLatency;
    private boolean extraSpent;

    TaskContext(Task task, boolean injectedFailure, String configuredMessage, Duration extraLatency) {
        this.task = task;
        this.injectedFailure = injectedFailure;
        this.configuredMessage = configuredMessage;
        this.extraLatency = extraLatency;
    }

    public Task task() {
        return task;
    }

    public void log(String line) {
        task.log(line);
    }

    public void warn(String line) {
        task.warn(line);
    }

    /** Spends the task's main working time; the fault's extra task latency is added once. */
    public void work(Duration base) throws InterruptedException {
        Duration d = base;
        if (!extraSpent) {
            d = d.plus(extraLatency);
            extraSpent = true;
        }
        sleep(d);
    }

    public void sleep(Duration d) throws InterruptedException {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
    }

    /** Whether a fault says this task fails. */
    public boolean injectedFailure() {
        return injectedFailure;
    }

    /** Fails the task if a fault says so, with the configured or the given realistic message. */
    public void failIfInjected(String realisticMessage) {
        if (injectedFailure) {
            throw PveError.of(failureMessage(realisticMessage));
        }
    }

    public String failureMessage(String realisticMessage) {
        return configuredMessage != null ? configuredMessage : realisticMessage;
    }
}
