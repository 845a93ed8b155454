package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;

import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A destructive operation (stop, delete) on the server's VM, done only when the VM is there and is
 * the server's (see {@link Ownership}); otherwise the step is done without touching anything.
 */
final class VmTaskStep implements Step {

    @FunctionalInterface
    interface Operation {
        /** Starts the operation on a VM in that state; empty when there is nothing to do. */
        Optional<TaskHandle> start(Hypervisor hv, VmState state) throws ProviderException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(VmTaskStep.class);

    private final String name;
    private final String label;
    private final boolean unmarkedAllowed;
    private final Operation operation;

    VmTaskStep(String name, String label, boolean unmarkedAllowed, Operation operation) {
        this.name = Objects.requireNonNull(name, "name");
        this.label = Objects.requireNonNull(label, "label");
        this.unmarkedAllowed = unmarkedAllowed;
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    static VmTaskStep delete(boolean unmarkedAllowed) {
        return new VmTaskStep("delete", "deleting the VM", unmarkedAllowed, (hv, state) -> hv.delete(state.vm()));
    }

    static VmTaskStep stop(boolean unmarkedAllowed) {
        return new VmTaskStep("stop", "stopping the VM", unmarkedAllowed,
                (hv, state) -> state.power() == VmState.Power.STOPPED ? Optional.empty()
                        : hv.power(state.vm(), io.berth.api.hypervisor.PowerAction.STOP));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public StepResult run(StepContext ctx) throws ProviderException {
        Optional<VmRef> vm = ctx.vm();
        if (vm.isEmpty()) {
            return StepResult.done("no VM was placed");
        }
        Hypervisor hv = ctx.hypervisor();
        String[] skipped = new String[1];
        StepResult result = TaskWait.await(ctx, hv, name, () -> {
            VmState state = hv.state(vm.get());
            if (state.power() == VmState.Power.ABSENT) {
                skipped[0] = "no VM " + vm.get();
                return Optional.empty();
            }
            if (!Ownership.owned(state, ctx.serverId().toString(), ctx.target().name(), unmarkedAllowed)) {
                skipped[0] = Ownership.describe(state) + "; left alone";
                LOG.warn("VM not this server's, left alone job={} server={} step={} vm={} marker={}", ctx.jobId(),
                        ctx.serverId(), name, vm.get(), state.serverId());
                return Optional.empty();
            }
            return operation.start(hv, state);
        });
        return skipped[0] != null ? StepResult.done(skipped[0]) : result;
    }
}
