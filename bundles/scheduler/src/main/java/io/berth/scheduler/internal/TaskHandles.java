package io.berth.scheduler.internal;

import io.berth.api.hypervisor.TaskHandle;

/**
 * Task handles as stored in a step's handle column: {@code node/id}. Node names cannot contain a
 * slash; task ids (e.g. Proxmox UPIDs) may contain anything else.
 */
final class TaskHandles {

    private TaskHandles() {
    }

    static String encode(TaskHandle handle) {
        return handle.node() + "/" + handle.id();
    }

    static TaskHandle decode(String stored) {
        int slash = stored.indexOf('/');
        if (slash <= 0 || slash == stored.length() - 1) {
            throw new IllegalArgumentException("not a stored task handle: " + stored);
        }
        return new TaskHandle(stored.substring(0, slash), stored.substring(slash + 1));
    }
}
