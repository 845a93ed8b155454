package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.api.hypervisor.VmSpec;
import io.berth.testbed.pve.LatencyProfile;
import io.berth.testbed.pve.SimOptions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Watching tasks through the nodes' task lists, against the simulator. */
class TaskWatchSimulatorTest {

    static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new SimulatorFixture(SimOptions.builder().profile(LatencyProfile.FAST).build());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aWatchedTaskIsToldOnceSoonAfterItEndedAndNotBefore() throws Exception {
        ProxmoxHypervisor hypervisor = fixture.tokenProvider(Map.of("task.watch.ms", "50"));
        fixture.sim.faults().taskLatency(Duration.ofMillis(800));
        try {
            VmSpec spec = SimulatorFixture.spec("watch-1", 1);
            Placement placement = hypervisor.place(spec, List.of());
            TaskHandle clone = hypervisor.clone(placement, spec);
            CompletableFuture<TaskStatus> seen = new CompletableFuture<>();
            AtomicInteger calls = new AtomicInteger();

            assertThat(hypervisor.watch(clone, () -> {
                calls.incrementAndGet();
                try {
                    seen.complete(hypervisor.task(clone));
                } catch (Exception e) {
                    seen.completeExceptionally(e);
                }
            })).isTrue();
            assertThat(hypervisor.task(clone).state()).as("still copying").isEqualTo(TaskStatus.State.RUNNING);

            assertThat(seen.get(10, TimeUnit.SECONDS).state()).isEqualTo(TaskStatus.State.SUCCEEDED);
            Thread.sleep(300); // a few more reads of the list
            assertThat(calls).hasValue(1);
        } finally {
            fixture.sim.faults().taskLatency(Duration.ZERO);
            hypervisor.deactivate();
        }
    }

    @Test
    void tasksOfSeveralNodesAreToldTogetherFromOneListPerNode() throws Exception {
        ProxmoxHypervisor hypervisor = fixture.tokenProvider(Map.of("task.watch.ms", "50"));
        try {
            long before = statusReads();
            CountDownLatch ended = new CountDownLatch(6);
            for (int i = 0; i < 6; i++) {
                VmSpec spec = SimulatorFixture.spec("watch-many-" + i, 10 + i);
                TaskHandle clone = hypervisor.clone(hypervisor.place(spec, List.of()), spec);
                assertThat(hypervisor.watch(clone, ended::countDown)).isTrue();
            }
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(statusReads() - before).as("no task was asked about one by one").isZero();
        } finally {
            hypervisor.deactivate();
        }
    }

    private static long statusReads() {
        return fixture.sim.state().apiRequestsByEndpoint().getOrDefault("GET /nodes/{node}/tasks/{upid}/status", 0L)
                .longValue();
    }

    @Test
    void watchingCanBeSwitchedOffAndNeedsAUpid() {
        ProxmoxHypervisor off = fixture.tokenProvider(Map.of("task.watch.ms", "0"));
        ProxmoxHypervisor on = fixture.tokenProvider(Map.of());
        try {
            String upid = "UPID:pve1:00000001:00000002:65000000:qmstart:1000:root@pam!berth:";
            assertThat(off.watch(new TaskHandle("pve1", upid), () -> { })).isFalse();
            assertThat(on.watch(new TaskHandle("pve1", "not-a-upid"), () -> { })).isFalse();
            on.deactivate();
            assertThat(on.watch(new TaskHandle("pve1", upid), () -> { })).as("after deactivation").isFalse();
        } finally {
            off.deactivate();
            on.deactivate();
        }
    }
}
