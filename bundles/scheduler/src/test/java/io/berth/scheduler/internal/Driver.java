package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.job.JobKind;
import io.berth.api.provider.ProviderException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the engine for unit tests: runs a job again and again as db-scheduler would (after a wait,
 * after a failure with the retry handler's decision), moving a fake clock instead of sleeping.
 */
final class Driver {

    final FakeJobStore store = new FakeJobStore();
    final FakeLifecycle lifecycle = new FakeLifecycle();
    final HypervisorRegistry registry = new HypervisorRegistry();
    final MutableClock clock = new MutableClock();
    final Settings settings;
    final List<Duration> retryDelays = new ArrayList<>();
    final List<Duration> waits = new ArrayList<>();
    /** Jobs a watched task's notice brought forward (the engine would reschedule them to now). */
    final List<UUID> broughtForward = new ArrayList<>();
    final TaskWakes taskWakes = new TaskWakes(Runnable::run);
    int runs;

    Driver() {
        this(Settings.defaults("test"));
    }

    Driver(Settings settings) {
        this.settings = settings;
        taskWakes.target(broughtForward::add);
    }

    JobRunner runner() {
        return new JobRunner(store, lifecycle, registry, new Workflows(), settings, clock, taskWakes);
    }

    Driver register(Hypervisor hv) {
        registry.bind(hv, Map.of(Hypervisor.ID, hv.id(), "service.id", (long) System.identityHashCode(hv)));
        return this;
    }

    Driver unregister(Hypervisor hv) {
        registry.unbind(hv, Map.of(Hypervisor.ID, hv.id(), "service.id", (long) System.identityHashCode(hv)));
        return this;
    }

    UUID enqueue(JobKind kind, UUID server) {
        return store.enqueue(kind, server, Map.of());
    }

    /** Runs the job until it is finished (or {@code maxRuns} runs were made). Returns whether it finished. */
    boolean drive(UUID jobId, int maxRuns) {
        return drive(runner(), jobId, maxRuns);
    }

    /** As {@link #drive(UUID, int)} with that runner (and what its pacing learned so far). */
    boolean drive(JobRunner runner, UUID jobId, int maxRuns) {
        RetryHandler retries = new RetryHandler(runner, settings.backoff(), settings.maxAttempts());
        int failures = 0;
        for (int i = 0; i < maxRuns; i++) {
            runs++;
            Next next;
            try {
                next = runner.run(jobId, failures);
                failures = 0;
            } catch (ProviderException | RuntimeException e) {
                failures++;
                RetryHandler.Decision d = retries.decide(failures);
                if (!d.exhausted()) {
                    runner.retrying(jobId, failures, d.delay(), Failures.describe(e));
                    retryDelays.add(d.delay());
                    clock.advance(d.delay());
                    continue;
                }
                next = runner.exhausted(jobId, Failures.describe(e));
                failures = 0;
            }
            if (next.done()) {
                return true;
            }
            waits.add(next.delay());
            clock.advance(next.delay());
        }
        return false;
    }

    boolean drive(UUID jobId) {
        return drive(jobId, 200);
    }
}
