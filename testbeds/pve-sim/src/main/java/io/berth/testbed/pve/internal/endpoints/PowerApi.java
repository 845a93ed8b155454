package io.berth.testbed.pve.internal.endpoints;

import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.api.Params;
import io.berth.testbed.pve.internal.cluster.ClusterNode;
import io.berth.testbed.pve.internal.qemu.AgentOption;
import io.berth.testbed.pve.internal.qemu.VmLookup;
import io.berth.testbed.pve.internal.qemu.VmMetrics;
import io.berth.testbed.pve.internal.task.Task;
import io.berth.testbed.pve.internal.task.TaskContext;
import io.berth.testbed.pve.internal.vm.LockHandle;
import io.berth.testbed.pve.internal.vm.Vm;
import java.time.Duration;

/**
 * {@code POST …/status/start|stop|shutdown|reboot|reset}: each a task ({@code qmstart},
 * {@code qmstop}, …) that takes the VM's config lock for its duration. Starting applies pending
 * changes and boots the guest; its agent answers {@code agentStartup} later. A start fails when
 * the node's memory is exhausted, as QEMU would.
 */
final class PowerApi {

    private final SimContext ctx;
    private final VmLookup lookup;
    private final TaskStarter starter;

    PowerApi(SimContext ctx, VmLookup lookup, TaskStarter starter) {
        this.ctx = ctx;
        this.lookup = lookup;
        this.starter = starter;
    }

    ApiResult start(ApiCall call) {
        return launch(call, "qmstart", (task, vm, skiplock) -> {
            if (!skiplock) {
                VmLookup.checkLock(vm);
            }
            if (vm.isTemplate()) {
                throw PveError.of("you can't start a vm if it's a template");
            }
            if (vm.running()) {
                throw PveError.of("VM " + vm.vmid() + " already running");
            }
            vm.applyPending();
            checkMemory(task, vm);
            task.work(ctx.latencies().start());
            task.failIfInjected("start failed: QEMU exited with code 1");
            vm.markStarted(System.currentTimeMillis(), 100_000 + ctx.random().nextInt(3_000_000), agentDelay(vm));
        });
    }

    ApiResult stop(ApiCall call) {
        return launch(call, "qmstop", (task, vm, skiplock) -> powerOff(task, vm, skiplock, ctx.latencies().stop()));
    }

    ApiResult shutdown(ApiCall call) {
        return launch(call, "qmshutdown", (task, vm, skiplock) -> powerOff(task, vm, skiplock, ctx.latencies().shutdown()));
    }

    ApiResult reboot(ApiCall call) {
        Params p = call.params();
        Vm vm = lookup.load(p.required("node"), p.integer("vmid"));
        if (!vm.running()) {
            throw PveError.of("VM " + vm.vmid() + " not running");
        }
        return launch(call, "qmreboot", (task, v, skiplock) -> {
            VmLookup.checkLock(v);
            if (!v.running()) {
                throw PveError.of("VM " + v.vmid() + " not running");
            }
            task.work(ctx.latencies().reboot());
            task.failIfInjected("VM " + v.vmid() + " qmp command 'system_powerdown' failed - got timeout");
            v.applyPending();
            v.markStarted(System.currentTimeMillis(), 100_000 + ctx.random().nextInt(3_000_000), agentDelay(v));
        });
    }

    ApiResult reset(ApiCall call) {
        return launch(call, "qmreset", (task, vm, skiplock) -> {
            if (!skiplock) {
                VmLookup.checkLock(vm);
            }
            if (!vm.running()) {
                throw PveError.of("VM " + vm.vmid() + " not running");
            }
            task.work(ctx.latencies().reset());
            task.failIfInjected("VM " + vm.vmid() + " qmp command 'system_reset' failed - got timeout");
            vm.markRebooted(System.currentTimeMillis(), agentDelay(vm));
        });
    }

    @FunctionalInterface
    private interface PowerAction {
        void run(TaskContext task, Vm vm, boolean skiplock) throws InterruptedException;
    }

    private ApiResult launch(ApiCall call, String type, PowerAction action) {
        Params p = call.params();
        String node = p.required("node");
        int vmid = p.integer("vmid");
        boolean skiplock = p.bool("skiplock", false);
        lookup.load(node, vmid);
        Task task = starter.start(node, type, Integer.toString(vmid), call, c -> {
            try (LockHandle lock = ctx.configLocks().exclusive(vmid, ctx.latencies().lockTimeout())) {
                action.run(c, lookup.load(node, vmid), skiplock);
            }
        });
        return TaskStarter.upid(task);
    }

    private void powerOff(TaskContext task, Vm vm, boolean skiplock, Duration duration) throws InterruptedException {
        if (!vm.running()) {
            return;
        }
        if (!skiplock) {
            VmLookup.checkLock(vm);
        }
        task.work(duration);
        task.failIfInjected("VM " + vm.vmid() + " qmp command 'quit' failed - got timeout");
        vm.markStopped();
        vm.applyPending();
    }

    private long agentDelay(Vm vm) {
        return AgentOption.enabled(vm.config().get("agent")) ? ctx.latencies().agentStartup().toMillis() : 0;
    }

    private void checkMemory(TaskContext task, Vm vm) {
        ClusterNode node = ctx.cluster().node(vm.node()).orElseThrow();
        long now = System.currentTimeMillis();
        long used = 0;
        for (Vm other : ctx.vms().onNode(vm.node())) {
            if (other.running()) {
                used += VmMetrics.of(other, now).maxmem();
            }
        }
        long needed = VmMetrics.of(vm, now).maxmem();
        if (used + needed > node.memoryBytes()) {
            task.log("kvm: cannot set up guest memory 'pc.ram': Cannot allocate memory");
            throw PveError.of("start failed: QEMU exited with code 1");
        }
    }
}
