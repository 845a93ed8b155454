package io.berth.scheduler.internal;

import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** Waits (bounded) until the VM is in the power state its action leads to. */
final class PowerStateStep implements Step {

    private final VmState.Power expected;

    PowerStateStep(VmState.Power expected) {
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String label() {
        return "waiting for the VM to be " + expected.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public StepResult run(StepContext ctx) throws ProviderException {
        VmRef vm = ctx.placedVm();
        Instant since = WaitStart.of(ctx);
        VmState state = ctx.hypervisor().state(vm);
        if (state.power() == expected) {
            return StepResult.done(expected.name().toLowerCase(Locale.ROOT));
        }
        if (state.power() == VmState.Power.ABSENT) {
            throw new StepFailedException("VM " + vm + " vanished");
        }
        if (ctx.now().isAfter(since.plus(ctx.settings().stateWait()))) {
            throw new StepFailedException("VM " + vm + " is " + state.power().name().toLowerCase(Locale.ROOT)
                    + " instead of " + expected.name().toLowerCase(Locale.ROOT));
        }
        return StepResult.waitFor(ctx.settings().taskPollInterval(), label());
    }
}
