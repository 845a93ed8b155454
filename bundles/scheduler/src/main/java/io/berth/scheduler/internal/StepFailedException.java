package io.berth.scheduler.internal;

/**
 * A step failed in a way retrying will not fix (a task that failed, a refused request): the job
 * stops going forward, cleans up what it made and records the message as the reason.
 */
final class StepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StepFailedException(String reason) {
        super(reason);
    }

    StepFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
