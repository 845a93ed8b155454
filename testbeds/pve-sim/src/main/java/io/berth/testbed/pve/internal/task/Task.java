package io.berth.testbed.pve.internal.task;

import java.util.ArrayList;
import java.util.List;

/**
 * A worker task: running until its body ends, then stopped with an exit status of {@code OK},
 * {@code WARNINGS: n} or the error message, and a log that ends with {@code TASK OK},
 * {@code TASK WARNINGS: n} or {@code TASK ERROR: …}, as PVE's task log does.
 */
public final class Task {

    private final Upid upid;
    private final List<String> log = new ArrayList<>();
    private int warnings;
    private volatile String exitStatus;
    private volatile long endTime;

    public Task(Upid upid) {
        this.upid = upid;
    }

    public Upid upid() {
        return upid;
    }

    public synchronized void log(String line) {
        log.add(line);
    }

    /** Logs {@code WARN: line} and counts a warning. */
    public synchronized void warn(String line) {
        log.add("WARN: " + line);
        warnings++;
    }

    public synchronized List<String> lines() {
        return List.copyOf(log);
    }

    public boolean running() {
        return exitStatus == null;
    }

    /** The exit status, or null while running. */
    public String exitStatus() {
        return exitStatus;
    }

    /** Epoch seconds of the end, or 0 while running. */
    public long endTime() {
        return endTime;
    }

    synchronized void finishOk() {
        if (warnings > 0) {
            log.add("TASK WARNINGS: " + warnings);
            finish("WARNINGS: " + warnings);
        } else {
            log.add("TASK OK");
            finish("OK");
        }
    }

    synchronized void finishError(String message) {
        log.add("TASK ERROR: " + message);
        finish(message);
    }

    private void finish(String status) {
        endTime = System.currentTimeMillis() / 1000;
        exitStatus = status;
        notifyAll();
    }

    /** Waits until the task has stopped or the time is up; returns whether it stopped. */
    public synchronized boolean await(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (exitStatus == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
