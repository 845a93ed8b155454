package io.berth.scheduler.internal;

import io.berth.api.hypervisor.PowerAction;
import io.berth.api.job.JobKind;
import io.berth.api.server.ServerStatus;

import java.util.List;

/**
 * Makes a server's VM (ARCHITECTURE.md, "Provisioning"): place, clone, configure, resize, start,
 * wait for the guest, [VPN peer], running. On failure it deletes the VM it made (only a VM marked
 * as this server's) and settles the server {@code failed} with the reason.
 */
final class ProvisionWorkflow implements Workflow {

    private final List<Step> steps = List.of(
            new PlaceStep(),
            new CloneStep(),
            new TaskStep("configure", "configuring", (ctx, hv) -> hv.configure(ctx.placedVm(), ctx.spec())),
            new TaskStep("resize", "resizing the disk", (ctx, hv) -> hv.resizeDisk(ctx.placedVm(), ctx.spec())),
            new TaskStep("start", "starting", (ctx, hv) -> hv.power(ctx.placedVm(), PowerAction.START)),
            new GuestAddressStep(),
            // hook: the VPN peer restricted to this VM (VpnGateway.ensurePeer) comes with a later issue
            new HookStep("vpn-peer", "creating the VPN peer", "VPN peers come with a later issue"),
            SettleStep.to(ServerStatus.RUNNING));

    private final List<Step> cleanup = List.of(
            VmTaskStep.delete(false),
            new GoneStep(false),
            SettleStep.failed(""));

    @Override
    public JobKind kind() {
        return JobKind.PROVISION;
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
