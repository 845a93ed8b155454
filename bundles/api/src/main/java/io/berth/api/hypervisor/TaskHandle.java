package io.berth.api.hypervisor;

import java.util.Objects;

/**
 * A long-running operation on the hypervisor, persisted by the scheduler and polled with
 * {@link Hypervisor#task(TaskHandle)}.
 *
 * @param node the node that runs the task
 * @param id the hypervisor's task id (for Proxmox the UPID)
 */
public record TaskHandle(String node, String id) {

    public TaskHandle {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(id, "id");
    }
}
