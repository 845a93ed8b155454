package io.berth.testbed.pve.internal.task;

import java.time.Duration;

/** The fault decisions a task needs; decided once when the task starts. */
public interface TaskFaults {

    /** Whether a task of this type (e.g. {@code qmclone}) is to fail. */
    boolean shouldFail(String type);

    /** The configured exit status of injected failures, or null to use the task's realistic one. */
    String failureMessage();

    /** Whether a successful task of this type is to end with a warning. */
    boolean shouldWarn(String type);

    /** Extra run time added to every task. */
    Duration extraLatency();
}
