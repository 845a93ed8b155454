package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a VM with its disks: stops it first when it runs (Proxmox refuses to destroy a running
 * VM; the stop is awaited here, bounded by the stop wait), then
 * {@code DELETE /nodes/{node}/qemu/{vmid}?purge=1&destroy-unreferenced-disks=1}. A VM already gone is
 * nothing to do. Only VMs Berth made (its tag or server marker) are deleted, never templates.
 */
final class ProxmoxDeletion {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxDeletion.class);

    private final ProxmoxHttp http;
    private final ProxmoxVms vms;
    private final ProxmoxStatus status;
    private final ProxmoxPower power;
    private final ProxmoxTasks tasks;
    private final Duration stopWait;
    private final ProxmoxInflight inflight;

    ProxmoxDeletion(ProxmoxHttp http, ProxmoxVms vms, ProxmoxStatus status, ProxmoxPower power, ProxmoxTasks tasks,
            Duration stopWait, ProxmoxInflight inflight) {
        this.http = Objects.requireNonNull(http, "http");
        this.vms = Objects.requireNonNull(vms, "vms");
        this.status = Objects.requireNonNull(status, "status");
        this.power = Objects.requireNonNull(power, "power");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.stopWait = Objects.requireNonNull(stopWait, "stopWait");
        this.inflight = Objects.requireNonNull(inflight, "inflight");
    }

    Optional<TaskHandle> delete(VmRef requested) throws ProviderException {
        Optional<TaskHandle> running = inflight.running(requested, "delete");
        if (running.isPresent()) {
            return running;
        }
        VmState state = status.state(requested);
        if (state.power() == VmState.Power.ABSENT) {
            return Optional.empty();
        }
        VmRef vm = state.vm(); // where it actually is
        VmConfig config;
        try {
            config = vms.config(vm);
        } catch (ProviderException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        if (config.template()) {
            throw new ProviderException(Kind.PERMANENT, "VM " + vm + " is a template; Berth never deletes templates");
        }
        if (!config.tags().contains(Hypervisor.BERTH_TAG) && ServerMarker.serverId(config.description()).isEmpty()) {
            throw new ProviderException(Kind.PERMANENT,
                    "VM " + vm + " carries neither the Berth tag nor a Berth server id; refusing to delete it");
        }
        if (config.lock().isPresent()) {
            throw new ProviderException(Kind.LOCKED, "VM " + vm + " is locked (" + config.lock().get() + ")");
        }
        if (state.power() != VmState.Power.STOPPED) {
            stop(vm);
        }
        LOG.info("proxmox delete vm={} server={}", vm, ServerMarker.serverId(config.description()).orElse("-"));
        try {
            return inflight.started(requested, "delete", ProxmoxTasks.handle(http.send(ProxmoxRequest.delete(
                    ProxmoxVms.path(vm)).with("purge", 1).with("destroy-unreferenced-disks", 1)), vm.node()));
        } catch (ProviderException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void stop(VmRef vm) throws ProviderException {
        Optional<TaskHandle> stop = power.command(vm, "stop");
        if (stop.isEmpty()) {
            return;
        }
        TaskStatus stopped = tasks.await(stop.get(), stopWait);
        if (!stopped.done()) {
            throw new ProviderException(Kind.TRANSIENT, "VM " + vm + " did not stop within " + stopWait.toSeconds() + " s");
        }
        if (stopped.state() == TaskStatus.State.FAILED) {
            throw new ProviderException(Kind.TRANSIENT, "stopping VM " + vm + " before deleting it failed: " + stopped.detail());
        }
    }
}
