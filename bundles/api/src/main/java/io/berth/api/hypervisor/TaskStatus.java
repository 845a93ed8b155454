package io.berth.api.hypervisor;

/**
 * The state of a hypervisor task.
 *
 * @param state running, succeeded or failed
 * @param detail the hypervisor's exit status or error text (for Proxmox {@code OK},
 *        {@code WARNINGS: n}, or the error)
 */
public record TaskStatus(State state, String detail) {

    public enum State {
        RUNNING, SUCCEEDED, FAILED
    }

    public boolean done() {
        return state != State.RUNNING;
    }

    public static TaskStatus running() {
        return new TaskStatus(State.RUNNING, "");
    }
}
