package io.berth.api.job;

import java.util.Locale;

/** Where a job is. */
public enum JobStatus {
    /** Enqueued, not picked yet. */
    PENDING,
    /** A node is running one of its steps. */
    RUNNING,
    /** Waiting for something outside Berth: a task to finish, a provider to come back. */
    WAITING,
    SUCCEEDED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
