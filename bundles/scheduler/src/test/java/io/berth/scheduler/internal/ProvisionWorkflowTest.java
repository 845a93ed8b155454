package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.hypervisor.VmState;
import io.berth.api.job.JobKind;
import io.berth.api.job.JobStatus;
import io.berth.api.job.JobStep;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.api.server.ServerStatus;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ProvisionWorkflowTest {

    private final Driver d = new Driver();
    private final FakeHypervisor hv = new FakeHypervisor("pve");

    @Test
    void provisionRunsEveryStepAndSettlesRunning() {
        d.register(hv.taskPolls(2));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(d.store.steps(job)).extracting(JobStep::name).containsExactly("place", "clone", "configure",
                "resize", "start", "address", "vpn-peer", "settle");
        assertThat(d.store.steps(job)).allMatch(s -> s.status() == JobStep.Status.DONE);
        assertThat(d.store.step(job, "clone").orElseThrow().handle()).startsWith("pve1/UPID:pve1:");
        assertThat(d.store.step(job, "address").orElseThrow().outcome()).contains("source=agent");
        assertThat(d.store.step(job, "vpn-peer").orElseThrow().outcome()).startsWith("skipped");
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);
        assertThat(d.lifecycle.target(server).vmId()).isEqualTo("100");
        assertThat(d.lifecycle.progress).contains("choosing a place (step 1/8)", "cloning template (step 2/8)",
                "finishing (step 8/8)");
        assertThat(hv.clonesMade(server.toString())).isEqualTo(1);
        assertThat(hv.vm("100").orElseThrow().power).isEqualTo(VmState.Power.RUNNING);
        // waiting for tasks reschedules the job, it never sleeps
        assertThat(d.waits).contains(d.settings.taskPollInterval());
        assertThat(d.store.waits).contains("waiting for the clone task");
    }

    @Test
    void aFirstRunReadsTheServerOncePerStepItStartsNotAgainAfterPlacingIt() throws Exception {
        d.register(hv.taskPolls(3));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        // the first run places the server, requests the clone and waits for its task
        assertThat(d.runner().run(job, 0).done()).isFalse();
        int reads = d.lifecycle.targetReads.get();

        assertThat(d.store.step(job, "clone").orElseThrow().handle()).startsWith("pve1/UPID:pve1:");
        assertThat(hv.clonesMade(server.toString())).isEqualTo(1);
        assertThat(d.lifecycle.target(server).vmId()).isEqualTo("100");
        // one read before each of the two steps (whether a newer request took the server over); the
        // placement updates the target the run holds instead of reading the server again
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void aJobWhoseTaskTheHypervisorWatchesWaitsLongAndIsBroughtForwardWhenItEnded() throws Exception {
        d.register(hv.taskPolls(3).watchTasks());
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        // the first run requests the clone and finds it running: no look of its own for a while
        Next first = d.runner().run(job, 0);
        assertThat(first.delay()).isEqualTo(TaskWait.WATCHED_LOOK);
        assertThat(hv.calls("watch")).isEqualTo(1);
        assertThat(d.broughtForward).isEmpty();

        hv.endWatchedTasks();
        assertThat(d.broughtForward).containsExactly(job);
        // run at once, the job sees the clone done and goes on
        d.runner().run(job, 0);
        assertThat(d.store.step(job, "clone").orElseThrow().status()).isEqualTo(JobStep.Status.DONE);
    }

    @Test
    void withoutAWatchingHypervisorAJobLooksWhenItsPacingSays() throws Exception {
        d.register(hv.taskPolls(3));
        UUID job = d.enqueue(JobKind.PROVISION, d.lifecycle.add(ServerStatus.PROVISIONING, "pve"));

        assertThat(d.runner().run(job, 0).delay()).isLessThan(TaskWait.WATCHED_LOOK);
        assertThat(hv.calls("watch")).isEqualTo(1);
    }

    @Test
    void aTaskOfAKindThatLatelyTookLongIsNotAskedAboutRightAfterItStarted() throws Exception {
        d.register(hv.taskPolls(2));
        JobRunner runner = d.runner();
        UUID first = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        // the runner learns how long clone, resize and start tasks take (a second or more each here)
        assertThat(d.drive(runner, d.enqueue(JobKind.PROVISION, first), 200)).isTrue();
        UUID second = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, second);
        int asked = hv.calls("task");

        // the first run places the server and requests the clone, then waits without asking about it
        Next next = runner.run(job, 0);

        assertThat(next.done()).isFalse();
        assertThat(hv.clonesMade(second.toString())).isEqualTo(1);
        assertThat(hv.calls("task")).isEqualTo(asked);
        assertThat(d.store.waits).contains("waiting for the clone task");
        assertThat(d.drive(runner, job, 200)).isTrue();
        assertThat(d.lifecycle.status(second)).isEqualTo(ServerStatus.RUNNING);
    }

    @Test
    void aTaskOfAKindNotLearnedYetIsAskedAboutRightAfterItStarted() throws Exception {
        d.register(hv.taskPolls(0));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        // nothing learned: the clone is asked about at once, and a quick one ends within the run
        d.runner().run(job, 0);

        assertThat(hv.calls("task")).isPositive();
        assertThat(d.store.step(job, "clone").orElseThrow().status()).isEqualTo(JobStep.Status.DONE);
        assertThat(d.store.step(job, "configure")).isPresent();
    }

    @Test
    void beforeAnyEndedATaskOfAKindWhoseOldestStillRunsForATenthOfASecondIsNotAskedAboutRightAfterItStarted()
            throws Exception {
        d.register(hv.taskPolls(5));
        JobRunner runner = d.runner();
        UUID first = d.enqueue(JobKind.PROVISION, d.lifecycle.add(ServerStatus.PROVISIONING, "pve"));
        int asked = hv.calls("task");
        runner.run(first, 0);
        assertThat(hv.calls("task")).as("the first clone: asked about at once").isEqualTo(asked + 1);

        // the first clone has been running for a tenth of a second: clones are not quick
        d.clock.advance(TaskWait.ASK_AT_ONCE_BELOW);
        UUID second = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, second);
        Next next = runner.run(job, 0);

        assertThat(next.done()).isFalse();
        assertThat(hv.clonesMade(second.toString())).isEqualTo(1);
        assertThat(hv.calls("task")).as("the second clone: not asked about").isEqualTo(asked + 1);
        assertThat(d.store.step(job, "clone").orElseThrow().status()).isEqualTo(JobStep.Status.STARTED);
    }

    @Test
    void resumesAtTheFirstUnfinishedStepWithoutRepeatingFinishedOnes() {
        d.register(hv);
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve", "pve1", "100");
        FakeHypervisor.Vm vm = hv.addVm("pve1", "100", server.toString(), "web-0", VmState.Power.STOPPED);
        vm.configured = true;
        vm.cores = 2;
        UUID job = d.enqueue(JobKind.PROVISION, server);
        d.store.stepDone(job, 1, "place", "pve1/100", "avoid=");
        d.store.stepDone(job, 2, "clone", "pve1/UPID:old", "OK");
        d.store.stepDone(job, 3, "configure", "pve1/UPID:old2", "OK");

        assertThat(d.drive(job)).isTrue();

        assertThat(hv.calls("place")).isZero();
        assertThat(hv.calls("clone")).isZero();
        assertThat(hv.calls("configure")).isZero();
        assertThat(hv.calls("resize")).isEqualTo(1);
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);
        assertThat(d.store.step(job, "clone").orElseThrow().handle()).isEqualTo("pve1/UPID:old");
    }

    @Test
    void aStartedCloneWithAHandleIsPolledNotRepeated() throws Exception {
        d.register(hv.taskPolls(3));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);
        // the first node placed, cloned and recorded the handle, then died
        JobRunner first = d.runner();
        assertThat(first.run(job, 0).done()).isFalse();
        JobStep clone = d.store.step(job, "clone").orElseThrow();
        assertThat(clone.status()).isEqualTo(JobStep.Status.STARTED);
        assertThat(clone.handle()).isNotNull();

        assertThat(d.drive(job)).isTrue();

        assertThat(hv.calls("clone")).isEqualTo(1);
        assertThat(hv.clonesMade(server.toString())).isEqualTo(1);
        assertThat(d.store.step(job, "clone").orElseThrow().handle()).isEqualTo(clone.handle());
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);
    }

    @Test
    void aCrashBetweenCloneRequestAndStoredHandleIsSafe() {
        d.register(hv.taskPolls(2));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);
        // the node dies right after the clone call, before the task handle is stored
        hv.afterClone(s -> d.store.failOnHandle = true);
        JobRunner first = d.runner();
        assertThatThrownBy(() -> first.run(job, 0)).isInstanceOf(IllegalStateException.class);
        assertThat(hv.clonesMade(server.toString())).isEqualTo(1);
        assertThat(d.store.step(job, "clone").orElseThrow().handle()).isNull();
        hv.afterClone(s -> {
        });
        d.store.failOnHandle = false;

        assertThat(d.drive(job)).isTrue();

        assertThat(hv.calls("clone")).isEqualTo(2); // asked again ...
        assertThat(hv.clonesMade(server.toString())).isEqualTo(1); // ... but made once
        assertThat(hv.vmCount()).isEqualTo(1);
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);
    }

    @Test
    void aTakenVmIdLeadsToANewPlacement() {
        d.register(hv);
        hv.addVm("pve1", "100", null, "someone-elses", VmState.Power.RUNNING);
        hv.suggest("100");
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.lifecycle.target(server).vmId()).isEqualTo("101");
        assertThat(d.lifecycle.placed).containsExactly(server + " pve1/100", server + " pve1/101");
        JobStep place = d.store.step(job, "place").orElseThrow();
        assertThat(place.handle()).isEqualTo("pve1/101 storage=local-lvm");
        assertThat(place.outcome()).isEqualTo("avoid=100");
        assertThat(hv.vm("100").orElseThrow().name).isEqualTo("someone-elses");
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);
    }

    @Test
    void clonesIntoANewPlaceAfterARandomWaitThatGrowsWithTheTries() {
        for (int i = 0; i < 200; i++) {
            assertThat(CloneStep.spread(1).toMillis()).isBetween(0L, 50L);
            assertThat(CloneStep.spread(3).toMillis()).isBetween(0L, 200L);
            assertThat(CloneStep.spread(20).toMillis()).isBetween(0L, 1600L);
        }
        assertThat(java.util.stream.IntStream.range(0, 200).mapToObj(i -> CloneStep.spread(6)).distinct().count())
                .as("random, not fixed").isGreaterThan(20);
    }

    @Test
    void givesUpAfterTheConfiguredPlacementTries() {
        Driver limited = new Driver(Settings.defaults("test"));
        limited.register(hv);
        List<String> taken = java.util.stream.IntStream.range(100, 110).mapToObj(Integer::toString).toList();
        for (String id : taken) {
            hv.addVm("pve1", id, "other-" + id, "x", VmState.Power.RUNNING);
        }
        hv.suggest(taken.toArray(String[]::new));
        UUID server = limited.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = limited.enqueue(JobKind.PROVISION, server);

        assertThat(limited.drive(job)).isTrue();

        assertThat(limited.store.job(job).status()).isEqualTo(JobStatus.FAILED);
        assertThat(limited.store.job(job).lastError()).startsWith("no free VM id after 10 tries");
        assertThat(limited.lifecycle.status(server)).isEqualTo(ServerStatus.FAILED);
        assertThat(hv.vmCount()).isEqualTo(10); // nobody else's VM was touched
    }

    @Test
    void aBusyProviderIsWaitedForWithoutCountingFailedAttempts() {
        d.register(hv);
        ProviderException[] busy = new ProviderException[15]; // more than max attempts (10)
        java.util.Arrays.fill(busy, ProviderException.busy("all clone slots taken", Duration.ofMillis(1200)));
        hv.failNext("clone", busy);
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(d.retryDelays).as("no failed attempt").isEmpty();
        assertThat(d.waits).filteredOn(Duration.ofMillis(1200)::equals).hasSize(15);
        assertThat(d.store.waits).contains("cloning template: all clone slots taken");
        assertThat(hv.clonesMade(server.toString())).isEqualTo(1);
    }

    @Test
    void locksAndTransientErrorsAreRetriedWithBackoff() {
        d.register(hv);
        hv.failNext("configure", new ProviderException(Kind.LOCKED, "VM 100 is locked"),
                new ProviderException(Kind.TRANSIENT, "connection reset"),
                new ProviderException(Kind.LOCKED, "VM 100 is locked"));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(d.retryDelays).hasSize(3);
        // equal jitter: within [ceiling/2, ceiling] of 1 s, 2 s, 4 s
        assertThat(d.retryDelays.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(d.retryDelays.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(d.retryDelays.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(d.store.waits).anyMatch(w -> w.startsWith("attempt 1 of 10 failed, retrying in")
                && w.endsWith("locked: VM 100 is locked"));
        assertThat(d.store.job(job).attempts()).isGreaterThanOrEqualTo(4);
        assertThat(hv.clonesMade(server.toString())).isEqualTo(1);
    }

    @Test
    void aFailedCloneTaskDeletesWhatWasMadeAndFailsWithTheReason() {
        d.register(hv.taskPolls(1).failTasks("clone", "storage 'local-lvm' full"));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.FAILED);
        assertThat(d.store.job(job).lastError()).isEqualTo("clone task failed: storage 'local-lvm' full");
        assertThat(d.store.steps(job)).extracting(JobStep::no, JobStep::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "place"), org.assertj.core.groups.Tuple.tuple(2, "clone"),
                org.assertj.core.groups.Tuple.tuple(100, "abort"), org.assertj.core.groups.Tuple.tuple(101, "delete"),
                org.assertj.core.groups.Tuple.tuple(102, "gone"), org.assertj.core.groups.Tuple.tuple(103, "settle"));
        assertThat(hv.vmCount()).isZero();
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.FAILED);
        assertThat(d.lifecycle.settled).containsExactly("failed: clone task failed: storage 'local-lvm' full");
        assertThat(d.lifecycle.progress).contains("cleaning up: deleting the VM (step 1/3)");
    }

    @Test
    void aPermanentProviderErrorFailsAndCleansUp() {
        d.register(hv);
        hv.failNext("resize", new ProviderException(Kind.INVALID, "disk cannot shrink"));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).lastError()).isEqualTo("invalid: disk cannot shrink");
        assertThat(d.retryDelays).isEmpty();
        assertThat(hv.vmCount()).isZero();
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.FAILED);
    }

    @Test
    void usedUpRetriesCleanUpAndFail() {
        Driver few = new Driver(new Settings("test", 1, Duration.ofMillis(300), Duration.ofSeconds(5), 6, 3,
                Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(60), 5, "berth", true, Duration.ofSeconds(30),
                Duration.ofSeconds(1)));
        few.register(hv);
        ProviderException down = new ProviderException(Kind.TRANSIENT, "503 Service Unavailable");
        hv.failNext("configure", down, down, down);
        UUID server = few.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = few.enqueue(JobKind.PROVISION, server);

        assertThat(few.drive(job)).isTrue();

        assertThat(few.retryDelays).hasSize(2);
        assertThat(few.store.job(job).status()).isEqualTo(JobStatus.FAILED);
        assertThat(few.store.job(job).lastError()).isEqualTo("transient: 503 Service Unavailable");
        assertThat(hv.vmCount()).isZero();
        assertThat(few.lifecycle.settled).containsExactly("failed: transient: 503 Service Unavailable");
    }

    @Test
    void aCleanupThatCannotFinishGivesUpWithBothReasons() {
        Driver few = new Driver(new Settings("test", 1, Duration.ofMillis(300), Duration.ofSeconds(5), 6, 2,
                Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(60), 5, "berth", true, Duration.ofSeconds(30),
                Duration.ofSeconds(1)));
        few.register(hv.failTasks("clone", "boom"));
        ProviderException down = new ProviderException(Kind.TRANSIENT, "timeout");
        hv.failNext("state", down, down, down); // the cleanup's first look at the VM
        UUID server = few.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = few.enqueue(JobKind.PROVISION, server);

        assertThat(few.drive(job)).isTrue();

        assertThat(few.store.job(job).lastError())
                .isEqualTo("clone task failed: boom; cleanup failed: transient: timeout");
        assertThat(few.lifecycle.status(server)).isEqualTo(ServerStatus.FAILED);
    }

    @Test
    void anAbsentHypervisorMakesTheJobWaitThenItResumes() throws Exception {
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);
        JobRunner runner = d.runner();

        Next next = runner.run(job, 0);

        assertThat(next.done()).isFalse();
        assertThat(next.delay()).isEqualTo(d.settings.providerWait());
        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.WAITING);
        assertThat(d.store.job(job).lastError()).isEqualTo("waiting for hypervisor pve to come back");
        assertThat(d.lifecycle.details.get(server)).isEqualTo("choosing a place: waiting for hypervisor pve to come back");
        assertThat(runner.run(job, 0).done()).isFalse(); // still absent: still waiting, nothing failed

        d.register(hv.taskPolls(1));
        assertThat(d.drive(job)).isTrue();
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);

        // a provider that goes away in the middle of a job
        UUID server2 = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job2 = d.enqueue(JobKind.PROVISION, server2);
        assertThat(runner.run(job2, 0).done()).isFalse(); // clone task running
        d.unregister(hv);
        assertThat(runner.run(job2, 0).delay()).isEqualTo(d.settings.providerWait());
        assertThat(d.store.job(job2).status()).isEqualTo(JobStatus.WAITING);
        d.register(hv);
        assertThat(d.drive(job2)).isTrue();
        assertThat(d.lifecycle.status(server2)).isEqualTo(ServerStatus.RUNNING);
        assertThat(hv.clonesMade(server2.toString())).isEqualTo(1);
    }

    @Test
    void withoutAGuestAgentThePoolAddressIsUsedAfterTheWait() {
        d.register(hv.noAgent());
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.step(job, "address").orElseThrow().outcome())
                .startsWith("address=" + d.lifecycle.target(server).ipAddress() + " source=pool");
        assertThat(d.store.waits).contains("waiting for the guest agent");
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);
    }

    /** Runs the job, as the engine would, until it waits for its guest; the runner (and what it learned). */
    private JobRunner runUntilTheGuestWait(UUID job) throws Exception {
        return runUntilTheGuestWait(job, d.runner());
    }

    private JobRunner runUntilTheGuestWait(UUID job, JobRunner runner) throws Exception {
        for (int i = 0; i < 50 && d.store.step(job, "address").isEmpty(); i++) {
            d.clock.advance(runner.run(job, 0).delay());
        }
        assertThat(d.store.step(job, "address")).isPresent();
        return runner;
    }

    @Test
    void aSilentAgentIsAskedAloneAtFirstThenAVmThatStoppedFailsTheJob() throws Exception {
        d.register(hv.noAgent());
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);
        JobRunner runner = runUntilTheGuestWait(job);
        String s = server.toString();
        int states = hv.calls(s, "state");
        int asked = hv.calls(s, "guestAddress");

        // right after the start: one question to the agent per look, none about the power state
        d.clock.advance(Duration.ofSeconds(1));
        assertThat(runner.run(job, 0).done()).isFalse();
        assertThat(hv.calls(s, "guestAddress")).isEqualTo(asked + 1);
        assertThat(hv.calls(s, "state")).isEqualTo(states);

        // the VM stopped meanwhile: once the agent was silent for longer, the job looks and fails
        hv.setPower(d.lifecycle.target(server).vmId(), VmState.Power.STOPPED);
        d.clock.advance(GuestAddressStep.POWER_CHECK_AFTER);
        assertThat(runner.run(job, 0).done()).isFalse();
        assertThat(hv.calls(s, "state")).isEqualTo(states + 1);
        assertThat(d.store.waits).contains("waiting for the VM to run");
        d.clock.advance(d.settings.stateWait());
        assertThat(d.drive(job)).isTrue();
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.FAILED);
    }

    @Test
    void aSilentAgentIsNotLateBeforeGuestsUsuallyAnswer() throws Exception {
        d.register(hv.noAgent());
        JobRunner runner = d.runner();
        // a first guest answers 9 s after its start: the runner learns that guests take about 9 s
        UUID first = d.enqueue(JobKind.PROVISION, d.lifecycle.add(ServerStatus.PROVISIONING, "pve"));
        runUntilTheGuestWait(first, runner);
        d.clock.advance(Duration.ofMillis(8900));
        assertThat(runner.run(first, 0).done()).isFalse();
        d.clock.advance(Duration.ofMillis(100));
        hv.agentAnswers();
        assertThat(d.drive(runner, first, 200)).isTrue();
        hv.noAgent();

        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);
        runUntilTheGuestWait(job, runner);
        String s = server.toString();
        int states = hv.calls(s, "state");

        // the first look comes at 0.9 x the learned time (about 9 s): past POWER_CHECK_AFTER, but before
        // guests usually answer, so the agent only
        assertThat(runner.run(job, 0).done()).isFalse();
        assertThat(hv.calls(s, "state")).isEqualTo(states);
        assertThat(hv.calls(s, "guestAddress")).isGreaterThan(0);

        // later than guests usually answer: whether the VM runs is asked too
        d.clock.advance(Duration.ofMillis(1500));
        assertThat(runner.run(job, 0).done()).isFalse();
        assertThat(hv.calls(s, "state")).isEqualTo(states + 1);
    }

    @Test
    void aSilentAgentsPowerStateIsAskedAtMostEveryFewSeconds() throws Exception {
        d.register(hv.noAgent());
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);
        JobRunner runner = runUntilTheGuestWait(job);
        String s = server.toString();
        d.clock.advance(GuestAddressStep.POWER_CHECK_AFTER);
        int states = hv.calls(s, "state");
        int asked = hv.calls(s, "guestAddress");

        // ten looks a second apart: the agent each time, the power state only every 5 s
        for (int i = 0; i < 10; i++) {
            assertThat(runner.run(job, 0).done()).isFalse();
            d.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(hv.calls(s, "guestAddress")).isEqualTo(asked + 10);
        assertThat(hv.calls(s, "state")).isEqualTo(states + 2);
    }

    @Test
    void aFinishedJobIsNotRunAgain() throws Exception {
        d.register(hv);
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);
        assertThat(d.drive(job)).isTrue();
        int clones = hv.calls("clone");

        assertThat(d.runner().run(job, 0).done()).isTrue();
        assertThat(hv.calls("clone")).isEqualTo(clones);
        assertThat(d.runner().run(UUID.randomUUID(), 0).done()).isTrue();
    }

    @Test
    void aTerminationTakesOverBeforeTheNextStep() throws Exception {
        d.register(hv.taskPolls(2));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);
        JobRunner runner = d.runner();
        assertThat(runner.run(job, 0).done()).isFalse(); // cloning

        d.lifecycle.setStatus(server, ServerStatus.TERMINATING);
        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.FAILED);
        assertThat(d.store.job(job).lastError()).isEqualTo("superseded: the server is terminating");
        assertThat(d.store.steps(job)).extracting(JobStep::name).containsExactly("place", "clone");
        assertThat(hv.calls("configure")).isZero();
        assertThat(d.lifecycle.settled).isEmpty(); // the termination settles it
        assertThat(hv.clonesMade(server.toString())).isEqualTo(1); // the clone it started was waited for
    }

    @Test
    void aTaskThatFailedOnALockIsMadeAgainAfterABackoff() {
        d.register(hv.taskPolls(1).failTasks("configure", Kind.LOCKED));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(hv.calls("configure")).isEqualTo(2);
        assertThat(d.retryDelays).hasSize(1);
        assertThat(d.store.waits).anyMatch(w -> w.endsWith("locked: configure task failed: injected locked"));
        assertThat(d.store.step(job, "configure").orElseThrow().handle()).doesNotStartWith("redo");
    }

    @Test
    void aCloneTaskThatFoundItsIdTakenClonesIntoAnotherPlace() {
        d.register(hv.taskPolls(1).failTasks("clone", Kind.ALREADY_EXISTS));
        UUID server = d.lifecycle.add(ServerStatus.PROVISIONING, "pve");
        UUID job = d.enqueue(JobKind.PROVISION, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(d.lifecycle.target(server).vmId()).isEqualTo("101");
        assertThat(d.store.step(job, "place").orElseThrow().outcome()).isEqualTo("avoid=100");
        assertThat(hv.vm("100").orElseThrow().serverId).isEqualTo("someone-else");
        assertThat(d.retryDelays).isEmpty();
    }

    @Test
    void aStopWhileStartingSupersedesTheStart() throws Exception {
        d.register(hv.taskPolls(3));
        UUID server = d.lifecycle.add(ServerStatus.STARTING, "pve", "pve1", "100");
        hv.addVm("pve1", "100", server.toString(), "web-0", VmState.Power.STOPPED);
        UUID start = d.enqueue(JobKind.START, server);
        assertThat(d.runner().run(start, 0).done()).isFalse(); // start task running

        d.lifecycle.setStatus(server, ServerStatus.STOPPING);
        UUID stop = d.enqueue(JobKind.STOP, server);

        assertThat(d.drive(start)).isTrue();
        assertThat(d.store.job(start).lastError()).isEqualTo("superseded: the server is stopping");
        assertThat(d.drive(stop)).isTrue();
        assertThat(d.store.job(stop).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.STOPPED);
    }
}
