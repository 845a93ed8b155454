package io.berth.scheduler.internal;

import io.berth.api.job.Job;
import io.berth.api.job.JobKind;
import io.berth.api.job.JobStatus;
import io.berth.api.job.JobStep;
import io.berth.api.job.JobStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory job store with the same upsert rules as core's; can be made to fail like a dying node. */
final class FakeJobStore implements JobStore {

    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    private final Map<UUID, TreeMap<Integer, JobStep>> steps = new ConcurrentHashMap<>();
    final List<String> waits = new ArrayList<>();
    /** When set, storing a step handle fails (the node "dies" after making the call, before recording it). */
    volatile boolean failOnHandle;

    @Override
    public synchronized Optional<Job> find(UUID id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized List<JobStep> steps(UUID jobId) {
        return new ArrayList<>(steps.getOrDefault(jobId, new TreeMap<>()).values());
    }

    synchronized Optional<JobStep> step(UUID jobId, String name) {
        return steps(jobId).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public synchronized void stepStarted(UUID jobId, int no, String name, String handle) {
        if (handle != null && failOnHandle) {
            throw new IllegalStateException("database gone");
        }
        TreeMap<Integer, JobStep> s = steps.computeIfAbsent(jobId, k -> new TreeMap<>());
        JobStep old = s.get(no);
        if (old != null && old.status() == JobStep.Status.DONE) {
            return;
        }
        s.put(no, new JobStep(no, name, JobStep.Status.STARTED, handle != null ? handle : old == null ? null : old.handle(),
                null));
    }

    @Override
    public synchronized void stepDone(UUID jobId, int no, String name, String handle, String outcome) {
        TreeMap<Integer, JobStep> s = steps.computeIfAbsent(jobId, k -> new TreeMap<>());
        JobStep old = s.get(no);
        s.put(no, new JobStep(no, name, JobStep.Status.DONE, handle != null ? handle : old == null ? null : old.handle(),
                outcome));
    }

    @Override
    public synchronized void running(UUID jobId) {
        update(jobId, JobStatus.RUNNING, null, 1);
    }

    @Override
    public synchronized void waiting(UUID jobId, String reason) {
        waits.add(reason);
        update(jobId, JobStatus.WAITING, reason, 0);
    }

    @Override
    public synchronized void finished(UUID jobId, boolean succeeded, String error) {
        update(jobId, succeeded ? JobStatus.SUCCEEDED : JobStatus.FAILED, succeeded ? null : error, 0);
    }

    private void update(UUID id, JobStatus status, String error, int attempt) {
        Job j = jobs.get(id);
        if (j == null || j.status().finished()) {
            return;
        }
        jobs.put(id, new Job(id, j.kind(), j.serverId(), status, j.params(), j.attempts() + attempt,
                error != null || status == JobStatus.SUCCEEDED ? error : j.lastError(), j.createdAt()));
    }

    @Override
    public synchronized UUID enqueue(JobKind kind, UUID serverId, Map<String, String> params) {
        UUID id = UUID.randomUUID();
        jobs.put(id, new Job(id, kind, serverId, JobStatus.PENDING, params, 0, null, Instant.now()));
        return id;
    }

    @Override
    public synchronized Map<JobStatus, Long> counts() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            counts.put(s, jobs.values().stream().filter(j -> j.status() == s).count());
        }
        return counts;
    }

    synchronized Job job(UUID id) {
        return jobs.get(id);
    }
}
