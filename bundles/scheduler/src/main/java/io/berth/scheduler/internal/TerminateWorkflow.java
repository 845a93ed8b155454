package io.berth.scheduler.internal;

import io.berth.api.job.JobKind;
import io.berth.api.server.ServerStatus;

import java.util.List;

/**
 * Removes a server: what points at it first (exposures, DNS records, its VPN peer: hooks for later
 * issues), then its VM (stopped if needed, deleted, waited for until gone), then {@code terminated},
 * which releases its address. Unmarked VMs (e.g. of imported servers) are removed when their name
 * is the server's; a VM marked for another server is left alone.
 */
final class TerminateWorkflow implements Workflow {

    private final List<Step> steps = List.of(
            // hooks: ExposureProvider / DnsProvider / VpnGateway removal come with later issues
            new HookStep("remove-exposures", "removing exposures", "exposures come with a later issue"),
            new HookStep("remove-dns", "removing DNS records", "DNS records come with a later issue"),
            new HookStep("remove-vpn-peer", "removing the VPN peer", "VPN peers come with a later issue"),
            VmTaskStep.stop(true),
            VmTaskStep.delete(true),
            new GoneStep(true),
            SettleStep.to(ServerStatus.TERMINATED));

    private final List<Step> cleanup = List.of(SettleStep.failed("termination failed: "));

    @Override
    public JobKind kind() {
        return JobKind.TERMINATE;
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
