package io.berth.api.job;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One workflow run.
 *
 * @param id its id (also the scheduler's task instance)
 * @param kind which workflow
 * @param serverId the server it acts on
 * @param status where it is
 * @param params its inputs, as strings
 * @param attempts how many times a node has started working on it
 * @param lastError the last failure, may be {@code null}
 * @param createdAt when it was enqueued
 */
public record Job(UUID id, JobKind kind, UUID serverId, JobStatus status, Map<String, String> params, int attempts,
        String lastError, Instant createdAt) {

    public Job {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
