package io.berth.scheduler.internal;

import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;

import java.time.Instant;
import java.util.Optional;

/** Waits (bounded) until the server's VM is gone (or its id belongs to someone else's VM). */
final class GoneStep implements Step {

    private final boolean unmarkedAllowed;

    GoneStep(boolean unmarkedAllowed) {
        this.unmarkedAllowed = unmarkedAllowed;
    }

    @Override
    public String name() {
        return "gone";
    }

    @Override
    public String label() {
        return "waiting for the VM to be gone";
    }

    @Override
    public StepResult run(StepContext ctx) throws ProviderException {
        Optional<VmRef> vm = ctx.vm();
        if (vm.isEmpty()) {
            return StepResult.done("no VM was placed");
        }
        Instant since = WaitStart.of(ctx);
        VmState state = ctx.hypervisor().state(vm.get());
        if (state.power() == VmState.Power.ABSENT) {
            return StepResult.done("gone");
        }
        if (!Ownership.owned(state, ctx.serverId().toString(), ctx.target().name(), unmarkedAllowed)) {
            return StepResult.done(Ownership.describe(state) + "; left alone");
        }
        if (ctx.now().isAfter(since.plus(ctx.settings().stateWait()))) {
            throw new StepFailedException("VM " + vm.get() + " is still there after it was deleted");
        }
        return StepResult.waitFor(ctx.settings().taskPollInterval(), label());
    }
}
