package io.berth.scheduler.internal;

import io.berth.api.domain.DomainException;
import io.berth.api.job.Job;
import io.berth.api.job.JobKind;
import io.berth.api.job.JobState;
import io.berth.api.job.JobStatus;
import io.berth.api.job.JobStep;
import io.berth.api.job.JobStore;
import io.berth.api.provider.ProviderException;
import io.berth.api.server.ServerLifecycle;
import io.berth.api.server.ServerStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job's workflow from its first unfinished step. Each step's start is recorded before it
 * runs and its outcome once it is done, so whichever node runs the job next resumes exactly there.
 * A step that waits (a task, a guest agent, an absent hypervisor, a busy provider) ends the run with a
 * delay after which the engine runs the job again; no thread sleeps. A permanent failure records an
 * {@code abort} step with the reason and switches to the workflow's cleanup steps. Retryable
 * failures escape to the engine's {@link RetryHandler}.
 */
final class JobRunner {

    /** The step number of the {@code abort} record; cleanup steps follow it. */
    static final int ABORT_STEP = 100;
    static final String ABORT = "abort";

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** The transitional status core gives a server while a job of each kind works on it. */
    private static final Map<JobKind, ServerStatus> DURING = Map.of(
            JobKind.PROVISION, ServerStatus.PROVISIONING,
            JobKind.START, ServerStatus.STARTING,
            JobKind.STOP, ServerStatus.STOPPING,
            JobKind.SHUTDOWN, ServerStatus.STOPPING,
            JobKind.REBOOT, ServerStatus.REBOOTING,
            JobKind.TERMINATE, ServerStatus.TERMINATING);

    private final JobStore store;
    private final ServerLifecycle lifecycle;
    private final Hypervisors hypervisors;
    private final Workflows workflows;
    private final Settings settings;
    private final Clock clock;
    private final Pacing pacing;
    private final TaskWakes taskWakes;

    JobRunner(JobStore store, ServerLifecycle lifecycle, Hypervisors hypervisors, Workflows workflows,
            Settings settings, Clock clock, TaskWakes taskWakes) {
        this.store = Objects.requireNonNull(store, "store");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.hypervisors = Objects.requireNonNull(hypervisors, "hypervisors");
        this.workflows = Objects.requireNonNull(workflows, "workflows");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pacing = Pacing.of(settings, clock);
        this.taskWakes = Objects.requireNonNull(taskWakes, "taskWakes");
    }

    /**
     * Runs the job as far as it goes now.
     *
     * @param failures the consecutive failed runs before this one (0 normally)
     * @throws ProviderException a retryable provider failure: retry with backoff
     */
    Next run(UUID jobId, int failures) throws ProviderException {
        Optional<JobState> found = store.state(jobId);
        if (found.isEmpty()) {
            LOG.warn("job not found, dropping its execution job={}", jobId);
            return Next.DONE;
        }
        Job job = found.get().job();
        if (job.status().finished()) {
            LOG.info("job already finished job={} status={}", jobId, job.status().wireName());
            return Next.DONE;
        }
        Workflow workflow = workflows.of(job.kind());
        Map<Integer, JobStep> records = records(found.get());
        StepContext ctx = new StepContext(job, records, store, lifecycle, hypervisors, settings, clock, pacing,
                taskWakes);
        Status status = new Status(job);
        // a run that continues after a wait stays "waiting" until the awaited thing has come
        if (job.status() != JobStatus.WAITING || failures > 0) {
            status.start();
        }
        // a job polling a task or a state looks again whether a newer request took the server over
        boolean pollContinuation = job.status() == JobStatus.WAITING;
        while (true) {
            JobStep abort = records.get(ABORT_STEP);
            String abortReason = abort == null ? null : abort.outcome();
            List<Step> steps = abort == null ? workflow.steps() : workflow.cleanup();
            int base = abort == null ? 1 : ABORT_STEP + 1;
            String failure = null;
            for (int i = 0; i < steps.size() && failure == null; i++) {
                int no = base + i;
                Step step = steps.get(i);
                JobStep record = records.get(no);
                if (record != null && record.status() == JobStep.Status.DONE) {
                    continue;
                }
                ctx.at(no, step, abortReason);
                if (abort == null && (record == null || pollContinuation)) {
                    pollContinuation = false;
                    ServerStatus newer = supersededBy(ctx);
                    if (newer != null) {
                        LOG.info("job superseded job={} kind={} server={} server_status={} step={}", jobId,
                                job.kind().wireName(), job.serverId(), newer.wireName(), step.name());
                        store.finished(jobId, false, "superseded: the server is " + newer.wireName());
                        return Next.DONE;
                    }
                }
                if (record == null) {
                    String stage = abort == null ? "" : "cleaning up: ";
                    progress(job, stage + step.label() + " (step " + (i + 1) + "/" + steps.size() + ")");
                    store.stepStarted(jobId, no, step.name(), null);
                    records.put(no, new JobStep(no, step.name(), JobStep.Status.STARTED, null, null));
                }
                StepResult result;
                try {
                    result = step.run(ctx);
                } catch (HypervisorAbsentException e) {
                    String reason = "waiting for hypervisor " + e.hypervisorId() + " to come back";
                    if (status.changes(reason)) {
                        progress(job, step.label() + ": " + reason);
                    }
                    return status.await(new StepResult.Wait(settings.providerWait(), reason), step);
                } catch (StepFailedException e) {
                    failure = e.getMessage();
                    break;
                } catch (DomainException e) {
                    // core refused (e.g. the server is gone): asking again will not change its mind
                    failure = "refused by core: " + e.getMessage();
                    break;
                } catch (ProviderException e) {
                    if (e.retryAfter().isPresent()) {
                        // the provider is busy (e.g. its clone slots are taken): wait, not a failed attempt
                        return status.await(new StepResult.Wait(e.retryAfter().get(), step.label() + ": "
                                + e.getMessage()), step);
                    }
                    // AUTHENTICATION is retried too: an operator fixing the credentials should not fail every job
                    if (e.retryable() || e.kind() == ProviderException.Kind.AUTHENTICATION) {
                        throw e;
                    }
                    failure = e.kind().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage();
                    break;
                }
                if (result instanceof StepResult.Wait w) {
                    return status.await(w, step);
                }
                StepResult.Done done = (StepResult.Done) result;
                store.stepDone(jobId, no, step.name(), done.handle(), done.outcome());
                records.put(no, new JobStep(no, step.name(), JobStep.Status.DONE, done.handle(), done.outcome()));
                LOG.info("step done job={} server={} step={} no={} outcome={}", jobId, job.serverId(), step.name(),
                        no, done.outcome());
                status.running();
            }
            if (failure != null) {
                if (abort != null) {
                    giveUp(job, abortReason + "; cleanup failed at " + ctx.record().name() + ": "
                            + failure);
                    return Next.DONE;
                }
                LOG.warn("step failed, cleaning up job={} server={} step={} reason={}", jobId, job.serverId(),
                        ctx.record().name(), failure);
                store.stepDone(jobId, ABORT_STEP, ABORT, null, failure);
                records.put(ABORT_STEP, new JobStep(ABORT_STEP, ABORT, JobStep.Status.DONE, null, failure));
                continue;
            }
            if (abort == null) {
                store.finished(jobId, true, null);
                LOG.info("job succeeded job={} kind={} server={}", jobId, job.kind().wireName(), job.serverId());
            } else {
                store.finished(jobId, false, abortReason);
                LOG.warn("job failed job={} kind={} server={} reason={}", jobId, job.kind().wireName(),
                        job.serverId(), abortReason);
            }
            return Next.DONE;
        }
    }

    /**
     * The job used up its attempts: it switches to cleanup (with a fresh budget of attempts) or, when
     * it was cleaning up already, gives up for good.
     */
    Next exhausted(UUID jobId, String reason) {
        Optional<JobState> found = store.state(jobId);
        if (found.isEmpty() || found.get().job().status().finished()) {
            return Next.DONE;
        }
        Job job = found.get().job();
        Map<Integer, JobStep> records = records(found.get());
        JobStep abort = records.get(ABORT_STEP);
        if (abort == null) {
            store.stepDone(jobId, ABORT_STEP, ABORT, null, reason);
            LOG.warn("job out of attempts, cleaning up job={} kind={} server={} reason={}", jobId,
                    job.kind().wireName(), job.serverId(), reason);
            return Next.after(Duration.ZERO);
        }
        giveUp(job, abort.outcome() + "; cleanup failed: " + reason);
        return Next.DONE;
    }

    /** The job's recorded steps by number, for a run to add to as it goes. */
    private static Map<Integer, JobStep> records(JobState state) {
        Map<Integer, JobStep> records = new TreeMap<>();
        state.steps().forEach(s -> records.put(s.no(), s));
        return records;
    }

    /** Records that a failed run will be retried, with why. */
    void retrying(UUID jobId, int failures, Duration delay, String reason) {
        store.waiting(jobId, "attempt " + failures + " of " + settings.maxAttempts() + " failed, retrying in "
                + delay.toMillis() + " ms: " + reason);
    }

    private void giveUp(Job job, String reason) {
        LOG.error("job gave up job={} kind={} server={} reason={}", job.id(), job.kind().wireName(), job.serverId(),
                reason);
        if (job.serverId() != null) {
            try {
                lifecycle.settled(job.serverId(), ServerStatus.FAILED, reason);
            } catch (DomainException refused) {
                LOG.warn("core refused the failed status job={} server={} reason={}", job.id(), job.serverId(),
                        refused.getMessage());
            }
        }
        store.finished(job.id(), false, reason);
    }

    private void progress(Job job, String detail) {
        if (job.serverId() != null) {
            try {
                lifecycle.progress(job.serverId(), detail);
            } catch (DomainException refused) {
                LOG.debug("progress not recorded job={} server={} reason={}", job.id(), job.serverId(),
                        refused.getMessage());
            }
        }
    }

    /**
     * The status of a server another request took over, or {@code null}: core moves a server into one
     * transitional status per job kind, so a server in another transitional status (a stop while it
     * starts) or terminated belongs to a newer job. This job then stops without cleanup; the newer job
     * deals with the VM as it finds it.
     */
    private static ServerStatus supersededBy(StepContext ctx) {
        if (ctx.job().serverId() == null) {
            return null;
        }
        ServerStatus status;
        try {
            status = ctx.reloadTarget().status();
        } catch (DomainException gone) {
            return null; // the step itself will report it
        }
        JobKind kind = ctx.job().kind();
        if (status == ServerStatus.TERMINATED && kind != JobKind.TERMINATE) {
            return status;
        }
        return status.transitional() && status != DURING.get(kind) ? status : null;
    }

    /** The job's status as this run last wrote it, so that waits and resumptions write only changes. */
    private final class Status {

        private final UUID jobId;
        private JobStatus current;
        private String reason;

        Status(Job job) {
            this.jobId = job.id();
            this.current = job.status();
            this.reason = job.lastError();
        }

        /** A node starts or resumes work (first run, retry, crash): counts an attempt. */
        void start() {
            store.running(jobId);
            current = JobStatus.RUNNING;
        }

        void running() {
            if (current != JobStatus.RUNNING) {
                store.running(jobId);
                current = JobStatus.RUNNING;
            }
        }

        /** Whether waiting for that reason would change what is recorded. */
        boolean changes(String waitReason) {
            return current != JobStatus.WAITING || !waitReason.equals(reason);
        }

        Next await(StepResult.Wait wait, Step step) {
            if (current != JobStatus.WAITING || !wait.reason().equals(reason)) {
                store.waiting(jobId, wait.reason());
                current = JobStatus.WAITING;
                reason = wait.reason();
            }
            LOG.debug("job waits job={} step={} reason={} delay_ms={}", jobId, step.name(), wait.reason(),
                    wait.delay().toMillis());
            return Next.after(wait.delay());
        }
    }
}
