package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.PowerAction;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Power actions through {@code POST /nodes/{node}/qemu/{vmid}/status/…}. The current state is read
 * first: an action whose end state is already reached does nothing. START on a paused VM resumes it;
 * REBOOT of a stopped VM starts it (both lead to a running VM).
 */
final class ProxmoxPower {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxPower.class);

    private final ProxmoxHttp http;
    private final ProxmoxVms vms;
    private final ProxmoxInflight inflight;

    ProxmoxPower(ProxmoxHttp http, ProxmoxVms vms, ProxmoxInflight inflight) {
        this.http = Objects.requireNonNull(http, "http");
        this.vms = Objects.requireNonNull(vms, "vms");
        this.inflight = Objects.requireNonNull(inflight, "inflight");
    }

    Optional<TaskHandle> power(VmRef vm, PowerAction action) throws ProviderException {
        Optional<TaskHandle> running = inflight.running(vm, "power:" + action);
        if (running.isPresent()) {
            return running;
        }
        VmStatus status = vms.status(vm);
        if (status.lock() != null && !status.lock().equals("suspended")) {
            throw new ProviderException(Kind.LOCKED, "VM " + vm + " is locked (" + status.lock() + ")");
        }
        VmState.Power power = status.power();
        String command = switch (action) {
            case START -> power == VmState.Power.RUNNING ? null : power == VmState.Power.PAUSED ? "resume" : "start";
            case STOP -> power == VmState.Power.STOPPED ? null : "stop";
            case SHUTDOWN -> power == VmState.Power.STOPPED ? null : "shutdown";
            case REBOOT -> power == VmState.Power.STOPPED ? "start" : "reboot";
        };
        if (command == null) {
            LOG.debug("proxmox power already reached vm={} action={} power={}", vm, action, power);
            return Optional.empty();
        }
        return inflight.started(vm, "power:" + action, command(vm, command));
    }

    /** Sends one power command; {@code stop} also aborts a pending shutdown. */
    Optional<TaskHandle> command(VmRef vm, String command) throws ProviderException {
        LOG.info("proxmox power vm={} command={}", vm, command);
        ProxmoxRequest request = ProxmoxRequest.post(ProxmoxVms.path(vm, "status", command));
        if (command.equals("stop")) {
            request = request.with("overrule-shutdown", 1);
        }
        return ProxmoxTasks.handle(http.send(request), vm.node());
    }
}
