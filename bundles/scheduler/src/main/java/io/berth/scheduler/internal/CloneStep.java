package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.job.JobStep;
import io.berth.api.provider.ProviderException;
import io.berth.api.server.ServerTarget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clones the template into the placed VM and waits for the clone task. The task handle is recorded
 * before the first poll; a crash before that is safe because cloning is idempotent per server (the
 * hypervisor answers the running task, a finished handle for a VM that is already this server's,
 * LOCKED while it cannot tell yet, ALREADY_EXISTS for anyone else's VM). When the VM id turns out to
 * be taken (the call says ALREADY_EXISTS, or the clone task failed with that kind) the id is added
 * to the tried ones and a new place is asked for and persisted; the clone into it starts after a
 * short random wait, so nodes that were all told the same free id (a suggestion, not a reservation)
 * do not collide again at once.
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
            // the id was taken (by the clone call, or its task found it taken meanwhile)
            int tries = markTaken(ctx, e);
            return StepResult.waitFor(spread(tries), "VM id taken, cloning into another place");
        }
    }

    private static Optional<TaskHandle> start(StepContext ctx, Hypervisor hv) throws ProviderException {
        Placement placement = placeAgainIfTaken(ctx, hv);
        confirmPlacement(ctx, placement);
        return Optional.of(hv.clone(placement, ctx.spec()));
    }

    /** A random wait that grows with the ids tried: 0 to 50 ms after the first, up to 1.6 s. */
    static Duration spread(int tries) {
        long bound = 50L << Math.min(Math.max(tries - 1, 0), 5);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
    }

    private static JobStep place(StepContext ctx) {
        return ctx.step(PlaceStep.NAME)
                .filter(r -> r.handle() != null)
                .orElseThrow(() -> new StepFailedException("clone before placement"));
    }

    /** Adds the placed id to the tried ones (persisted, so the next run places again); the ids tried. */
    private static int markTaken(StepContext ctx, ProviderException taken) {
        JobStep place = place(ctx);
        String vmId = Placements.placement(place.handle()).vm().vmId();
        List<String> avoid = new ArrayList<>(Placements.avoid(place.outcome()));
        if (!avoid.contains(vmId)) {
            avoid.add(vmId);
        }
        if (avoid.size() >= ctx.settings().placementTries()) {
            throw new StepFailedException("no free VM id after " + avoid.size() + " tries: " + taken.getMessage(),
                    taken);
        }
        ctx.rewrite(PlaceStep.NAME, place.handle(), Placements.outcome(avoid));
        LOG.info("VM id taken, placing again after a pause job={} server={} taken={}", ctx.jobId(), ctx.serverId(),
                vmId);
        return avoid.size();
    }

    /**
     * The placement to clone into: the persisted one, or, when its id was found taken, a new one
     * asked for now (not before the pause: a suggestion is only good while it is fresh) and persisted.
     */
    private static Placement placeAgainIfTaken(StepContext ctx, Hypervisor hv) throws ProviderException {
        JobStep place = place(ctx);
        Placement placement = Placements.placement(place.handle());
        List<String> avoid = Placements.avoid(place.outcome());
        if (!avoid.contains(placement.vm().vmId())) {
            return placement;
        }
        Placement next = hv.place(ctx.spec(), avoid);
        if (avoid.contains(next.vm().vmId())) {
            throw new StepFailedException("the hypervisor suggested VM id " + next.vm().vmId()
                    + " again, which it was told is taken");
        }
        LOG.info("placed again job={} server={} next={}", ctx.jobId(), ctx.serverId(), next.vm());
        ctx.rewrite(PlaceStep.NAME, Placements.handle(next), Placements.outcome(avoid));
        return next;
    }

    /** The server row carries the placement this clone goes to (it may lag after a crash or a re-placement). */
    private static void confirmPlacement(StepContext ctx, Placement placement) {
        ServerTarget target = ctx.target();
        if (!placement.vm().node().equals(target.node()) || !placement.vm().vmId().equals(target.vmId())) {
            ctx.placed(placement.vm());
        }
    }
}
