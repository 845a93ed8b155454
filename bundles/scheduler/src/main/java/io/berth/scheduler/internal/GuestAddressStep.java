package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the VM runs and its address answers: the guest agent's address, or the pool address
 * once the agent stayed silent for the configured wait (images without an agent). A VM that does
 * not run within the power state wait fails the step; whether it runs is asked only when the agent
 * stays silent for longer than {@link #POWER_CHECK_AFTER}, and then every {@link #POWER_CHECK_EVERY}.
 */
final class GuestAddressStep implements Step {

    private static final Logger LOG = LoggerFactory.getLogger(GuestAddressStep.class);

    /**
     * How long after the start a silent guest agent is taken as still booting without asking
     * whether the VM runs (which costs two more requests per look on Proxmox): this long, or as long
     * as guests took to answer lately ({@link Pacing#learned}) if that is longer, so that a guest
     * booting as fast as the others is never asked.
     */
    static final Duration POWER_CHECK_AFTER = Duration.ofSeconds(5);

    /** How often, after that, a silent guest agent's VM is asked whether it runs (not at every look). */
    static final Duration POWER_CHECK_EVERY = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "address";
    }

    @Override
    public String label() {
        return "waiting for the guest";
    }

    @Override
    public StepResult run(StepContext ctx) throws ProviderException {
        Hypervisor hv = ctx.hypervisor();
        VmRef vm = ctx.placedVm();
        Instant since = WaitStart.of(ctx);
        Instant now = ctx.now();
        // the agent first: an answer also says the VM runs, so most looks are one request
        Optional<String> address = Optional.empty();
        try {
            address = hv.guestAddress(vm);
        } catch (ProviderException e) {
            LOG.debug("guest agent not answering job={} server={} vm={} reason={}", ctx.jobId(), ctx.serverId(), vm,
                    e.getMessage());
        }
        String pool = ctx.target().ipAddress();
        if (address.isPresent()) {
            if (pool != null && !pool.equals(address.get())) {
                LOG.warn("guest reports another address than the pool's job={} server={} vm={} guest={} pool={}",
                        ctx.jobId(), ctx.serverId(), vm, address.get(), pool);
            }
            ctx.pacing().done("guest", ctx.jobId().toString(), since);
            return StepResult.done("address=" + address.get() + " source=agent");
        }
        // a silent agent right after the start is the rule; once it is late, look whether the VM still runs
        if (!now.isBefore(since.plus(powerCheckAfter(ctx.pacing())))
                && ctx.pacing().extraLookDue("guest", ctx.jobId().toString(), since, POWER_CHECK_EVERY)) {
            VmState state = hv.state(vm);
            if (state.power() != VmState.Power.RUNNING) {
                if (now.isAfter(since.plus(ctx.settings().stateWait()))) {
                    throw new StepFailedException("VM " + vm + " is " + state.power().name().toLowerCase()
                            + ", not running, " + ctx.settings().stateWait().toSeconds() + " s after it was started");
                }
                return StepResult.waitFor(ctx.pacing().stillWaiting("guest", ctx.jobId().toString(), since),
                        "waiting for the VM to run");
            }
        }
        if (!now.isBefore(since.plus(ctx.settings().guestAgentWait()))) {
            ctx.pacing().forget("guest", ctx.jobId().toString());
            return StepResult.done("address=" + pool + " source=pool (no guest agent answer within "
                    + ctx.settings().guestAgentWait().toSeconds() + " s)");
        }
        return StepResult.waitFor(ctx.pacing().stillWaiting("guest", ctx.jobId().toString(), since),
                "waiting for the guest agent");
    }

    /** How long after the start a silent agent is late: {@link #POWER_CHECK_AFTER} or the learned time. */
    private static Duration powerCheckAfter(Pacing pacing) {
        Duration learned = pacing.learned("guest");
        return learned != null && learned.compareTo(POWER_CHECK_AFTER) > 0 ? learned : POWER_CHECK_AFTER;
    }
}
