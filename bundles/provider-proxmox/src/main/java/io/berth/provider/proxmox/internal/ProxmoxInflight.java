package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.provider.ProviderException;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tasks this provider started per VM and operation (power, resize, delete) that may still run. An
 * operation repeated while its task runs (the scheduler crashed before storing the handle) gets
 * the same handle back instead of a second task that would fail ("VM 101 already running").
 */
final class ProxmoxInflight {

    private final ProxmoxTasks tasks;
    private final Map<String, TaskHandle> running = new ConcurrentHashMap<>();

    ProxmoxInflight(ProxmoxTasks tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    /** The task started for this VM and operation, if it still runs. */
    Optional<TaskHandle> running(VmRef vm, String operation) throws ProviderException {
        String key = key(vm, operation);
        TaskHandle handle = running.get(key);
        if (handle == null) {
            return Optional.empty();
        }
        if (!tasks.status(handle).done()) {
            return Optional.of(handle);
        }
        running.remove(key, handle);
        return Optional.empty();
    }

    Optional<TaskHandle> started(VmRef vm, String operation, Optional<TaskHandle> handle) {
        handle.ifPresent(h -> running.put(key(vm, operation), h));
        return handle;
    }

    /** Someone saw the task end. */
    void finished(TaskHandle handle) {
        running.values().removeIf(h -> h.id().equals(handle.id()));
    }

    private static String key(VmRef vm, String operation) {
        return vm.node() + "/" + vm.vmId() + "/" + operation;
    }
}
