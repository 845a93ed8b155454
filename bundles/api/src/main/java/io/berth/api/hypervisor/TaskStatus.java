package io.berth.api.hypervisor;

import io.berth.api.provider.ProviderException;

/**
 * The state of a hypervisor task.
 *
 * @param state running, succeeded or failed
 * @param detail the hypervisor's exit status or error text (for Proxmox {@code OK},
 *        {@code WARNINGS: n}, or the error)
 * @param failure for a failed task, what kind of failure it was, so the caller can tell a task that
 *        may succeed when the operation is made again ({@link ProviderException.Kind#LOCKED}: a lock
 *        timeout inside the task; {@link ProviderException.Kind#ALREADY_EXISTS}: the target id was
 *        taken meanwhile, choose another one) from one that will not
 *        ({@link ProviderException.Kind#PERMANENT}, the default); {@code null} unless failed
 * @since 1.1
 */
public record TaskStatus(State state, String detail, ProviderException.Kind failure) {

    public enum State {
        RUNNING, SUCCEEDED, FAILED
    }

    public TaskStatus {
        if (state != State.FAILED) {
            failure = null;
        } else if (failure == null) {
            failure = ProviderException.Kind.PERMANENT;
        }
    }

    /** A status without failure kind: a failed task counts as {@link ProviderException.Kind#PERMANENT}. */
    public TaskStatus(State state, String detail) {
        this(state, detail, null);
    }

    public boolean done() {
        return state != State.RUNNING;
    }

    /**
     * Whether the task failed in a way that making the operation again may fix.
     *
     * @since 1.1
     */
    public boolean retryable() {
        return failure != null && failure.retryable();
    }

    public static TaskStatus running() {
        return new TaskStatus(State.RUNNING, "");
    }

    /**
     * A failed task.
     *
     * @since 1.1
     */
    public static TaskStatus failed(String detail, ProviderException.Kind failure) {
        return new TaskStatus(State.FAILED, detail, failure);
    }
}
