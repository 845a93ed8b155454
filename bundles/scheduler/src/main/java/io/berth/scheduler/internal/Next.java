package io.berth.scheduler.internal;

import java.time.Duration;

/** What the engine does with a job's execution after a run: remove it, or run it again after a delay. */
record Next(boolean done, Duration delay) {

    static final Next DONE = new Next(true, Duration.ZERO);

    static Next after(Duration delay) {
        return new Next(false, delay);
    }
}
