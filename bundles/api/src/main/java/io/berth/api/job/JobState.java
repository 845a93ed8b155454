package io.berth.api.job;

import java.util.List;
import java.util.Objects;

/**
 * A job and the steps recorded for it so far, as the job engine reads them on every look.
 *
 * @param job the job
 * @param steps its steps, in order
 */
public record JobState(Job job, List<JobStep> steps) {

    public JobState {
        Objects.requireNonNull(job, "job");
        steps = List.copyOf(steps);
    }
}
