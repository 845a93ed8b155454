package io.berth.scheduler.internal;

import io.berth.api.domain.DomainException;
import io.berth.api.provider.ProviderException;
import io.berth.api.server.ServerStatus;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the status the server reached to core. When core's state machine refuses it (the server
 * changed meanwhile, e.g. it is being terminated), the refusal is recorded as the outcome: the job
 * did its work and the other job decides.
 */
final class SettleStep implements Step {

    /** The status to report and its detail. */
    record Settlement(ServerStatus status, String detail) {
    }

    @FunctionalInterface
    interface Settler {
        Settlement settle(StepContext ctx) throws ProviderException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SettleStep.class);

    private final Settler settler;

    SettleStep(Settler settler) {
        this.settler = Objects.requireNonNull(settler, "settler");
    }

    static SettleStep to(ServerStatus status) {
        return new SettleStep(ctx -> new Settlement(status, null));
    }

    /** Settles failed with the reason the job is cleaning up for. */
    static SettleStep failed(String prefix) {
        return new SettleStep(ctx -> new Settlement(ServerStatus.FAILED, prefix + ctx.abortReason()));
    }

    @Override
    public String name() {
        return "settle";
    }

    @Override
    public String label() {
        return "finishing";
    }

    @Override
    public StepResult run(StepContext ctx) throws ProviderException {
        Settlement s = settler.settle(ctx);
        try {
            ctx.lifecycle().settled(ctx.serverId(), s.status(), s.detail());
        } catch (DomainException refused) {
            LOG.warn("core refused the status job={} server={} status={} reason={}", ctx.jobId(), ctx.serverId(),
                    s.status().wireName(), refused.getMessage());
            return StepResult.done("refused " + s.status().wireName() + ": " + refused.getMessage());
        }
        return StepResult.done(s.status().wireName() + (s.detail() == null ? "" : ": " + s.detail()));
    }
}
