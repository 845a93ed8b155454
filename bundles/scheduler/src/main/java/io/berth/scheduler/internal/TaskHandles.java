package io.berth.scheduler.internal;

import io.berth.api.hypervisor.TaskHandle;

/**
 * Task handles as stored in a step's handle column: {@code node/id}. Node names cannot contain a
 * slash or a space; task ids (e.g. Proxmox UPIDs) may contain anything else. A task that failed in
 * a way that making the operation again may fix (a lock timeout, an id taken meanwhile) is stored
 * as {@code redo node/id}: the next attempt makes the operation again instead of polling it.
 */
final class TaskHandles {

    private static final String REDO = "redo ";

    private TaskHandles() {
    }

    static String encode(TaskHandle handle) {
        return handle.node() + "/" + handle.id();
    }

    static TaskHandle decode(String stored) {
        int slash = stored.indexOf('/');
        if (slash <= 0 || slash == stored.length() - 1 || stored.substring(0, slash).contains(" ")) {
            throw new IllegalArgumentException("not a stored task handle: " + stored);
        }
        return new TaskHandle(stored.substring(0, slash), stored.substring(slash + 1));
    }

    /** The stored form of a failed task whose operation is to be made again. */
    static String redo(TaskHandle handle) {
        return REDO + encode(handle);
    }

    /** Whether a stored handle is a task to poll (not empty, not to be redone, not another kind of handle). */
    static boolean pollable(String stored) {
        if (stored == null || stored.startsWith(REDO)) {
            return false;
        }
        try {
            decode(stored);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
