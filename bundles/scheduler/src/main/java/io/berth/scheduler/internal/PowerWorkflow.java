package io.berth.scheduler.internal;

import io.berth.api.hypervisor.PowerAction;
import io.berth.api.hypervisor.VmState;
import io.berth.api.job.JobKind;
import io.berth.api.server.ServerStatus;

import java.util.List;

/**
 * Start, stop, shutdown, reboot: the power action and its task, a check that the VM reached the
 * state the action leads to, then the settled status. A failed action leaves the VM as it is: the
 * cleanup settles the server to the state the hypervisor reports, with the reason as detail.
 */
final class PowerWorkflow implements Workflow {

    private final JobKind kind;
    private final List<Step> steps;
    private final List<Step> cleanup;

    PowerWorkflow(JobKind kind) {
        this.kind = kind;
        PowerAction action = action(kind);
        VmState.Power expected = action == PowerAction.STOP || action == PowerAction.SHUTDOWN ? VmState.Power.STOPPED
                : VmState.Power.RUNNING;
        this.steps = List.of(
                new TaskStep("power", label(action), (ctx, hv) -> hv.power(ctx.placedVm(), action)),
                new PowerStateStep(expected),
                SettleStep.to(expected == VmState.Power.RUNNING ? ServerStatus.RUNNING : ServerStatus.STOPPED));
        this.cleanup = List.of(new SettleStep(PowerWorkflow::observed));
    }

    static PowerAction action(JobKind kind) {
        return switch (kind) {
            case START -> PowerAction.START;
            case STOP -> PowerAction.STOP;
            case SHUTDOWN -> PowerAction.SHUTDOWN;
            case REBOOT -> PowerAction.REBOOT;
            default -> throw new IllegalArgumentException(kind + " is not a power action");
        };
    }

    private static String label(PowerAction action) {
        return switch (action) {
            case START -> "starting";
            case STOP -> "stopping";
            case SHUTDOWN -> "shutting down";
            case REBOOT -> "rebooting";
        };
    }

    /** The status the VM is really in, with why the action failed. */
    private static SettleStep.Settlement observed(StepContext ctx) throws io.berth.api.provider.ProviderException {
        String reason = ctx.job().kind().wireName() + " failed: " + ctx.abortReason();
        if (ctx.vm().isEmpty()) {
            return new SettleStep.Settlement(ServerStatus.FAILED, reason);
        }
        VmState state = ctx.hypervisor().state(ctx.placedVm());
        return switch (state.power()) {
            case RUNNING -> new SettleStep.Settlement(ServerStatus.RUNNING, reason);
            case STOPPED, PAUSED -> new SettleStep.Settlement(ServerStatus.STOPPED,
                    state.power() == VmState.Power.PAUSED ? "paused; " + reason : reason);
            case ABSENT -> new SettleStep.Settlement(ServerStatus.FAILED, "VM " + state.vm() + " vanished from "
                    + ctx.target().hypervisorId() + "; " + reason);
        };
    }

    @Override
    public JobKind kind() {
        return kind;
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    @Override
    public List<Step> cleanup() {
        return cleanup;
    }
}
