package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.job.JobStep;
import io.berth.api.provider.ProviderException;
import io.berth.api.server.ServerTarget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clones the template into the placed VM and waits for the clone task. The task handle is recorded
 * before the first poll; a crash before that is safe because cloning is idempotent per server (the
 * hypervisor answers the running task, a finished handle for a VM that is already this server's,
 * LOCKED while it cannot tell yet, ALREADY_EXISTS for anyone else's VM). When the VM id turns out to
 * be taken (the call says ALREADY_EXISTS, or the clone task failed with that kind) the id is added
 * to the tried ones and a new place is asked for, persisted, and cloned into.
 */
final class CloneStep implements Step {

    static final String NAME = "clone";

    private static final Logger LOG = LoggerFactory.getLogger(CloneStep.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "cloning template";
    }

    @Override
    public StepResult run(StepContext ctx) throws ProviderException {
        Hypervisor hv = ctx.hypervisor();
        try {
            return TaskWait.await(ctx, hv, NAME, () -> start(ctx, hv));
        } catch (ProviderException e) {
            if (e.kind() != ProviderException.Kind.ALREADY_EXISTS) {
                throw e;
            }
            // the clone task found the id taken meanwhile: the next run clones into a new place
            replace(ctx, hv, ctx.spec(), e);
            return StepResult.waitFor(Duration.ZERO, "VM id taken, cloning into another place");
        }
    }

    private Optional<TaskHandle> start(StepContext ctx, Hypervisor hv) throws ProviderException {
        VmSpec spec = ctx.spec();
        while (true) {
            Placement placement = placement(ctx);
            confirmPlacement(ctx, placement);
            try {
                return Optional.of(hv.clone(placement, spec));
            } catch (ProviderException e) {
                if (e.kind() != ProviderException.Kind.ALREADY_EXISTS) {
                    throw e;
                }
                replace(ctx, hv, spec, e);
            }
        }
    }

    private static Placement placement(StepContext ctx) {
        JobStep place = ctx.step(PlaceStep.NAME)
                .filter(r -> r.handle() != null)
                .orElseThrow(() -> new StepFailedException("clone before placement"));
        return Placements.placement(place.handle());
    }

    /** Records the taken id, asks for a new place avoiding every tried id, and persists it. */
    private static void replace(StepContext ctx, Hypervisor hv, VmSpec spec, ProviderException taken)
            throws ProviderException {
        JobStep place = ctx.step(PlaceStep.NAME).orElseThrow();
        Placement placement = Placements.placement(place.handle());
        List<String> avoid = new ArrayList<>(Placements.avoid(place.outcome()));
        avoid.add(placement.vm().vmId());
        if (avoid.size() >= ctx.settings().placementTries()) {
            throw new StepFailedException("no free VM id after " + avoid.size() + " tries: " + taken.getMessage(),
                    taken);
        }
        Placement next = hv.place(spec, avoid);
        LOG.info("VM id taken, placing again job={} server={} taken={} next={}", ctx.jobId(), ctx.serverId(),
                placement.vm(), next.vm());
        ctx.rewrite(PlaceStep.NAME, Placements.handle(next), Placements.outcome(avoid));
    }

    /** The server row carries the placement this clone goes to (it may lag after a crash or a re-placement). */
    private static void confirmPlacement(StepContext ctx, Placement placement) {
        ServerTarget target = ctx.target();
        if (!placement.vm().node().equals(target.node()) || !placement.vm().vmId().equals(target.vmId())) {
            ctx.lifecycle().placed(ctx.serverId(), placement.vm().node(), placement.vm().vmId());
            ctx.reloadTarget();
        }
    }
}
