package io.berth.scheduler.internal;

import java.time.Duration;
import java.util.Objects;

/** What running a step once led to: it is done, or the job must come back later. */
sealed interface StepResult {

    /** The step ended well; {@code handle} and {@code outcome} are recorded with it. */
    record Done(String handle, String outcome) implements StepResult {
    }

    /** Something outside Berth is not there yet; run the step again after {@code delay}. */
    record Wait(Duration delay, String reason) implements StepResult {

        public Wait {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static StepResult done(String outcome) {
        return new Done(null, outcome);
    }

    static StepResult done(String handle, String outcome) {
        return new Done(handle, outcome);
    }

    static StepResult waitFor(Duration delay, String reason) {
        return new Wait(delay, reason);
    }
}
