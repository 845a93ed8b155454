package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.VmState;
import io.berth.api.job.JobKind;
import io.berth.api.job.JobStore;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.api.server.ServerStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real db-scheduler engine, the workflows and core's JdbcJobStore on a real PostgreSQL, with an
 * in-memory hypervisor standing in for the cluster.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JobEngineDatabaseTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    static Settings fast(int threads, int maxAttempts) {
        return new Settings("node", threads, Duration.ofMillis(100), Duration.ofMillis(500), 4, maxAttempts,
                Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofSeconds(20), 5, "berth", false, Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T open(T c) {
        open.add(0, c);
        return c;
    }

    /**
     * SCR can drop a component instance it was still activating when a dependency changed, without
     * deactivating it: its engine, left running with the dropped (empty) hypervisor registry, would
     * keep picking jobs and make them wait for a hypervisor forever.
     */
    @Test
    void anActivationStopsTheEngineAnEarlierActivationLeftRunning() {
        String url = TestDatabase.fresh();
        Seed seed = open(new Seed(url, "pve"));
        Node node = open(new Node("a", url, fast(4, 5))).register(new FakeHypervisor("pve"));
        SchedulerConfig config = config(Map.of("polling_interval_ms", 100L, "task_poll_interval_ms", 100L,
                "provider_wait_ms", 200L));
        SchedulerComponent leftover = new SchedulerComponent(config, node.ds, node.store, node.lifecycle,
                new HypervisorRegistry());
        assertThat(leftover.running()).isTrue();
        SchedulerComponent current = new SchedulerComponent(config, node.ds, node.store, node.lifecycle, node.registry);
        try {
            assertThat(leftover.running()).isFalse();
            assertThat(current.running()).isTrue();
            List<UUID> servers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                UUID server = seed.server(ServerStatus.PROVISIONING);
                servers.add(server);
                seed.job(node.store, JobKind.PROVISION, server);
            }
            await(() -> servers.stream().allMatch(s -> "running".equals(seed.status(s))), Duration.ofSeconds(30));
        } finally {
            current.deactivate();
            leftover.deactivate();
        }
        assertThat(current.running()).isFalse();
    }

    /** The component's configuration: the defaults, with some values replaced. */
    private static SchedulerConfig config(Map<String, Object> values) {
        return (SchedulerConfig) java.lang.reflect.Proxy.newProxyInstance(SchedulerConfig.class.getClassLoader(),
                new Class<?>[] {SchedulerConfig.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "SchedulerConfig" : null;
                    }
                    return values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    /**
     * A job waiting for a task its hypervisor watches would look again only after
     * {@link TaskWait#WATCHED_LOOK}; the hypervisor's notice brings its execution forward to now.
     */
    @Test
    void aWatchedTaskThatEndedBringsItsJobForward() {
        String url = TestDatabase.fresh();
        Seed seed = open(new Seed(url, "pve"));
        FakeHypervisor hv = new FakeHypervisor("pve").taskPolls(1000).watchTasks();
        Node node = open(new Node("a", url, fast(4, 5))).register(hv).start();
        UUID server = seed.server(ServerStatus.PROVISIONING);
        UUID job = seed.job(node.store, JobKind.PROVISION, server);

        await(() -> hv.calls("watch") > 0 && seed.count("select count(*) from scheduled_tasks where task_instance = ? "
                + "and not picked", job.toString()) == 1, Duration.ofSeconds(20));
        hv.endWatchedTasks(); // the clone ended: the job looks at once, not 10 s later
        await(() -> seed.count("select count(*) from job_steps where job_id = ? and name = 'clone' and status = 'done'",
                job) == 1, Duration.ofSeconds(5));
    }

    /** A job enqueued while the engine waits for its next poll (30 s away here) starts at once. */
    @Test
    void aJobEnqueuedAnywhereStartsWithoutWaitingForThePoll() throws Exception {
        String url = TestDatabase.fresh();
        Seed seed = open(new Seed(url, "pve"));
        FakeHypervisor hv = new FakeHypervisor("pve").taskPolls(1);
        Settings s = fast(2, 3);
        Settings slowPolling = new Settings(s.nodeName(), s.threads(), Duration.ofSeconds(30), s.heartbeatInterval(),
                s.missedHeartbeats(), s.maxAttempts(), s.backoffBase(), s.backoffMax(), s.taskPollInterval(),
                s.providerWait(), s.guestAgentWait(), s.stateWait(), s.placementTries(), s.cloudInitUser(), false,
                s.reconcileInterval(), s.shutdownWait());
        Node node = open(new Node("a", url, slowPolling)).register(hv).start();
        await(() -> seed.count("select count(*) from pg_stat_activity where application_name = ?",
                JobNotices.APPLICATION_NAME) == 1, Duration.ofSeconds(10));
        Thread.sleep(1_000); // the engine's first poll, at its start, is over

        UUID server = seed.server(ServerStatus.PROVISIONING);
        UUID job = seed.job(node.store, JobKind.PROVISION, server);

        await(() -> seed.count("select count(*) from job_steps where job_id = ? and name = 'place'", job) == 1,
                Duration.ofSeconds(5));
    }

    @Test
    void serversGoFromCreatedToRunningAndThroughPowerActionsAndTermination() {
        String url = TestDatabase.fresh();
        Seed seed = open(new Seed(url, "pve"));
        FakeHypervisor hv = new FakeHypervisor("pve").taskPolls(2);
        Node node = open(new Node("a", url, fast(4, 5))).register(hv).start();
        List<UUID> servers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID server = seed.server(ServerStatus.PROVISIONING);
            servers.add(server);
            seed.job(node.store, JobKind.PROVISION, server);
        }

        await(() -> servers.stream().allMatch(s -> "running".equals(seed.status(s)))
                && seed.jobs().values().stream().allMatch("succeeded"::equals), Duration.ofSeconds(30));

        for (UUID s : servers) {
            assertThat(hv.clonesMade(s.toString())).isEqualTo(1);
        }
        assertThat(seed.count("select count(*) from job_steps where status = 'done'")).isEqualTo(5 * 8);
        assertThat(seed.count("select count(*) from scheduled_tasks where task_name = ?", JobStore.TASK_NAME)).isZero();

        UUID stopping = servers.get(0);
        seed.exec("update servers set status = 'stopping' where id = ?", stopping);
        UUID stopJob = seed.job(node.store, JobKind.STOP, stopping);
        UUID terminating = servers.get(1);
        seed.exec("update servers set status = 'terminating' where id = ?", terminating);
        UUID terminateJob = seed.job(node.store, JobKind.TERMINATE, terminating);

        await(() -> "succeeded".equals(seed.jobStatus(stopJob)) && "succeeded".equals(seed.jobStatus(terminateJob)),
                Duration.ofSeconds(30));
        assertThat(seed.status(stopping)).isEqualTo("stopped");
        assertThat(seed.status(terminating)).isEqualTo("terminated");
        assertThat(hv.vmCount()).isEqualTo(4);
        assertThat(node.store.counts().get(io.berth.api.job.JobStatus.SUCCEEDED)).isEqualTo(7);
    }

    @Test
    void aNodeThatDiesMidProvisionHandsItsJobsToAnotherThatFinishesThemWithoutCloningTwice() throws Exception {
        String url = TestDatabase.fresh();
        Seed seed = open(new Seed(url, "pve"));
        FakeHypervisor hv = new FakeHypervisor("pve").taskPolls(5);
        Node a = open(new Node("a", url, fast(4, 5))).register(hv);
        // node a loses its database right after its fourth clone call, before it can store the task handle
        AtomicInteger clones = new AtomicInteger();
        AtomicReference<String> cutAt = new AtomicReference<>();
        CountDownLatch killed = new CountDownLatch(1);
        hv.afterClone(serverId -> {
            if (clones.incrementAndGet() == 4) {
                cutAt.set(serverId);
                a.ds.kill();
                killed.countDown();
            }
        });
        List<UUID> servers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID server = seed.server(ServerStatus.PROVISIONING);
            servers.add(server);
            seed.job(a.store, JobKind.PROVISION, server);
        }
        a.start();
        assertThat(killed.await(30, TimeUnit.SECONDS)).isTrue();
        a.close(); // its threads end; whatever it had picked stays picked by "a" with stale heartbeats
        hv.afterClone(serverId -> {
        });
        assertThat(seed.pickedBy()).contains("a");
        assertThat(seed.jobs().values()).contains("running");

        Node b = open(new Node("b", url, fast(4, 5))).register(hv).start();

        await(() -> seed.jobs().values().stream().allMatch("succeeded"::equals), Duration.ofSeconds(60));
        assertThat(servers).allMatch(s -> "running".equals(seed.status(s)));
        for (UUID s : servers) {
            assertThat(hv.clonesMade(s.toString())).as("clones of %s", s).isEqualTo(1);
        }
        assertThat(hv.vmCount()).isEqualTo(12);
        // the clone cut off before its handle was stored was asked again and answered, not repeated
        assertThat(hv.calls(cutAt.get(), "clone")).isEqualTo(2);
        assertThat(hv.overlaps()).isZero();
        assertThat(b.lifecycle.settledCalls).hasSize(12);
    }

    @Test
    void twoNodesOnOneDatabaseRunEachOfAHundredJobsExactlyOnce() {
        String url = TestDatabase.fresh();
        Seed seed = open(new Seed(url, "pve"));
        FakeHypervisor hv = new FakeHypervisor("pve").taskPolls(1).callDelay(2);
        Node a = open(new Node("a", url, fast(4, 5))).register(hv);
        Node b = open(new Node("b", url, fast(4, 5))).register(hv);
        List<UUID> servers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            UUID server = seed.server(ServerStatus.PROVISIONING);
            servers.add(server);
            seed.job(a.store, JobKind.PROVISION, server);
        }
        a.start();
        b.start();

        await(() -> seed.count("select count(*) from jobs where status = 'succeeded'") == 100, Duration.ofSeconds(90));

        assertThat(seed.jobs().values()).containsOnly("succeeded");
        for (UUID s : servers) {
            assertThat(hv.calls(s.toString(), "place")).as("place of %s", s).isEqualTo(1);
            assertThat(hv.clonesMade(s.toString())).as("clones of %s", s).isEqualTo(1);
            int settled = count(a.lifecycle.settledCalls, s) + count(b.lifecycle.settledCalls, s);
            assertThat(settled).as("settled of %s", s).isEqualTo(1);
            assertThat(seed.status(s)).isEqualTo("running");
        }
        assertThat(hv.overlaps()).isZero();
        assertThat(a.lifecycle.settledCalls).isNotEmpty();
        assertThat(b.lifecycle.settledCalls).isNotEmpty();
    }

    @Test
    void aJobWaitsForItsAbsentHypervisorAndResumesWhenItComesBack() throws Exception {
        String url = TestDatabase.fresh();
        Seed seed = open(new Seed(url, "pve"));
        FakeHypervisor hv = new FakeHypervisor("pve");
        Node node = open(new Node("a", url, fast(2, 3))).start();
        UUID server = seed.server(ServerStatus.PROVISIONING);
        UUID job = seed.job(node.store, JobKind.PROVISION, server);

        await(() -> "waiting".equals(seed.jobStatus(job)), Duration.ofSeconds(10));
        Thread.sleep(1500); // several provider waits (and more than max attempts of anything) later
        assertThat(seed.jobStatus(job)).isEqualTo("waiting");
        assertThat(seed.status(server)).isEqualTo("provisioning");
        assertThat(node.store.find(job).orElseThrow().lastError()).isEqualTo("waiting for hypervisor pve to come back");

        node.register(hv);

        await(() -> "succeeded".equals(seed.jobStatus(job)), Duration.ofSeconds(20));
        assertThat(seed.status(server)).isEqualTo("running");
    }

    @Test
    void failedRunsAreRetriedAndUsedUpAttemptsCleanUpAndFail() {
        String url = TestDatabase.fresh();
        Seed seed = open(new Seed(url, "pve"));
        FakeHypervisor hv = new FakeHypervisor("pve");
        Node node = open(new Node("a", url, fast(2, 3))).register(hv).start();

        hv.failNext("configure", new ProviderException(Kind.LOCKED, "VM is locked"),
                new ProviderException(Kind.LOCKED, "VM is locked"));
        UUID lucky = seed.server(ServerStatus.PROVISIONING);
        UUID luckyJob = seed.job(node.store, JobKind.PROVISION, lucky);
        await(() -> "succeeded".equals(seed.jobStatus(luckyJob)), Duration.ofSeconds(20));
        assertThat(seed.status(lucky)).isEqualTo("running");
        assertThat(hv.calls(lucky.toString(), "configure")).isEqualTo(3);

        ProviderException down = new ProviderException(Kind.TRANSIENT, "503 Service Unavailable");
        hv.failNext("configure", down, down, down);
        UUID unlucky = seed.server(ServerStatus.PROVISIONING);
        UUID unluckyJob = seed.job(node.store, JobKind.PROVISION, unlucky);
        await(() -> "failed".equals(seed.status(unlucky)), Duration.ofSeconds(20));
        await(() -> "failed".equals(seed.jobStatus(unluckyJob)), Duration.ofSeconds(5));
        assertThat(seed.detail(unlucky)).isEqualTo("transient: 503 Service Unavailable");
        assertThat(node.store.find(unluckyJob).orElseThrow().lastError()).isEqualTo("transient: 503 Service Unavailable");
        assertThat(node.store.steps(unluckyJob)).extracting(s -> s.name()).containsSubsequence("abort", "delete",
                "gone", "settle");
        assertThat(hv.vmCount()).isEqualTo(1);
        assertThat(seed.count("select count(*) from scheduled_tasks where task_name = ?", JobStore.TASK_NAME)).isZero();
    }

    @Test
    void theReconcilerFixesDriftOnItsOwn() {
        String url = TestDatabase.fresh();
        Seed seed = open(new Seed(url, "pve"));
        FakeHypervisor hv = new FakeHypervisor("pve");
        Settings s = fast(2, 3);
        Settings reconciling = new Settings(s.nodeName(), s.threads(), s.pollingInterval(), s.heartbeatInterval(),
                s.missedHeartbeats(), s.maxAttempts(), s.backoffBase(), s.backoffMax(), s.taskPollInterval(),
                s.providerWait(), s.guestAgentWait(), s.stateWait(), s.placementTries(), s.cloudInitUser(), true,
                Duration.ofSeconds(1), s.shutdownWait());
        UUID stoppedOutside = seed.server(ServerStatus.RUNNING, "pve1", "100");
        hv.addVm("pve1", "100", stoppedOutside.toString(), "web-1", VmState.Power.STOPPED);
        UUID vanished = seed.server(ServerStatus.STOPPED, "pve1", "101");
        UUID busy = seed.server(ServerStatus.STARTING, "pve1", "102");
        hv.addVm("pve1", "102", busy.toString(), "web-3", VmState.Power.STOPPED);

        open(new Node("a", url, reconciling)).register(hv).start();

        await(() -> "stopped".equals(seed.status(stoppedOutside)) && "failed".equals(seed.status(vanished)),
                Duration.ofSeconds(20));
        assertThat(seed.detail(stoppedOutside)).isEqualTo("stopped outside Berth");
        assertThat(seed.detail(vanished)).isEqualTo("VM pve1/101 vanished from pve");
        assertThat(seed.status(busy)).isEqualTo("starting");
    }

    private static int count(Map<UUID, AtomicInteger> counts, UUID id) {
        AtomicInteger n = counts.get(id);
        return n == null ? 0 : n.get();
    }

    static void await(BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
