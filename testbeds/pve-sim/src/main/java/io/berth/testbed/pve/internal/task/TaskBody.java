package io.berth.testbed.pve.internal.task;

/** The work of a task; throwing ends the task with the exception's message as exit status. */
@FunctionalInterface
public interface TaskBody {

    void run(TaskContext context) throws Exception;
}
