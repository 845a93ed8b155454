package io.berth.scheduler.internal;

import io.berth.api.job.JobStep;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a step began waiting, kept in its handle as {@code since=<instant>} so a bounded wait keeps
 * its bound across executions and nodes.
 */
final class WaitStart {

    private static final String PREFIX = "since=";

    private WaitStart() {
    }

    static Instant of(StepContext ctx) {
        JobStep record = ctx.record();
        if (record != null && record.handle() != null && record.handle().startsWith(PREFIX)) {
            try {
                return Instant.parse(record.handle().substring(PREFIX.length()));
            } catch (DateTimeParseException e) {
                // fall through: start the wait again
            }
        }
        Instant now = ctx.now();
        ctx.started(PREFIX + now);
        return now;
    }
}
