package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.job.JobStep;
import io.berth.api.provider.ProviderException;
import io.berth.api.server.ServerTarget;

import java.util.List;

/**
 * Chooses the node and VM id of a new VM and persists them before anything is cloned: first in the
 * step (so a crash cannot lose the choice), then on the server through
 * {@link io.berth.api.server.ServerLifecycle#placed}. A server that already has a place keeps it.
 */
final class PlaceStep implements Step {

    static final String NAME = "place";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "choosing a place";
    }

    @Override
    public StepResult run(StepContext ctx) throws ProviderException {
        JobStep record = ctx.record();
        ServerTarget target = ctx.target();
        Placement placement;
        if (record.handle() != null) {
            placement = Placements.placement(record.handle()); // chosen before a crash
        } else if (target.placed()) {
            placement = new Placement(new VmRef(target.node(), target.vmId()), null);
        } else {
            placement = ctx.hypervisor().place(ctx.spec(), List.of());
            ctx.started(Placements.handle(placement));
        }
        ctx.placed(placement.vm());
        return StepResult.done(Placements.handle(placement), Placements.outcome(List.of()));
    }
}
