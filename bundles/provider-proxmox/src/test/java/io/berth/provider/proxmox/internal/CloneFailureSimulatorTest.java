package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.hypervisor.PowerAction;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.testbed.pve.SimOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failed tasks end the provisioning; the cleanup leaves nothing behind. */
class CloneFailureSimulatorTest {

    static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new SimulatorFixture(SimOptions.fast());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.sim.reset();
    }

    @Test
    void aFailedCloneTaskFailsTheProvisioningAndLeavesNothingBehind() throws Exception {
        ProxmoxHypervisor hypervisor = fixture.tokenProvider(Map.of());
        ProvisioningDriver driver = new ProvisioningDriver(hypervisor, Duration.ofSeconds(20), false);
        VmSpec spec = SimulatorFixture.spec("fail-1", 1);
        fixture.sim.faults().failNextCloneTasks(1);

        ProvisioningDriver.Failed failed = catchThrowableOfType(() -> driver.provision(spec), ProvisioningDriver.Failed.class);

        assertThat(failed).hasMessageContaining("clone task").hasMessageContaining("failed");
        assertThat(failed.vm).isNotNull();
        List<TaskStatus> cloneStates = fixture.sim.state().tasks().stream().filter(t -> t.type().equals("qmclone"))
                .map(t -> hypervisorTask(hypervisor, t.node(), t.upid())).toList();
        assertThat(cloneStates).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(TaskStatus.State.FAILED);
            assertThat(s.failure()).isEqualTo(Kind.PERMANENT);
        });
        driver.cleanUp(failed.vm, spec.serverId());
        assertThat(fixture.guests()).isEmpty();
        assertThat(hypervisor.list()).isEmpty();
        assertThat(hypervisor.delete(failed.vm)).isEmpty();

        // the next attempt (new placement) works
        ProvisioningDriver.Result result = driver.provision(spec);
        assertThat(fixture.guests()).hasSize(1);
        driver.destroy(result.vm());
    }

    @Test
    void aFailedStartIsCleanedUpWithTheVm() throws Exception {
        ProxmoxHypervisor hypervisor = fixture.tokenProvider(Map.of());
        ProvisioningDriver driver = new ProvisioningDriver(hypervisor, Duration.ofSeconds(20), false);
        VmSpec spec = SimulatorFixture.spec("fail-2", 2);
        Instant end = Instant.now().plusSeconds(20);
        var placement = hypervisor.place(spec, List.of());
        driver.awaitTask(end, "clone", hypervisor.clone(placement, spec), placement.vm());
        driver.awaitTask(end, "configure", hypervisor.configure(placement.vm(), spec), placement.vm());
        fixture.sim.faults().taskFailureRate(1.0);

        ProvisioningDriver.Failed failed = catchThrowableOfType(() -> driver.awaitTask(end, "start",
                hypervisor.power(placement.vm(), PowerAction.START), placement.vm()), ProvisioningDriver.Failed.class);
        fixture.sim.faults().clear();

        assertThat(failed).hasMessageContaining("start failed");
        assertThat(fixture.guests()).hasSize(1);
        driver.cleanUp(placement.vm(), spec.serverId());
        assertThat(fixture.guests()).isEmpty();
    }

    @Test
    void aCloneWhoseAnswerWasLostIsNeverSentTwice() throws Exception {
        ProxmoxHypervisor hypervisor = fixture.tokenProvider(Map.of());
        ProvisioningDriver driver = new ProvisioningDriver(hypervisor, Duration.ofSeconds(20), false);
        VmSpec spec = SimulatorFixture.spec("lost-1", 3);
        var placement = hypervisor.place(spec, List.of());
        int vmid = Integer.parseInt(placement.vm().vmId());
        fixture.sim.faults().taskLatency(Duration.ofMillis(400)).errorPathPattern("POST /nodes/.*/clone")
                .errorPhase(io.berth.testbed.pve.FaultPhase.AFTER).errorRate(1.0, io.berth.testbed.pve.ErrorKind.HTTP_503);

        var lost = catchThrowableOfType(() -> hypervisor.clone(placement, spec),
                io.berth.api.provider.ProviderException.class);
        fixture.sim.faults().clear();
        assertThat(lost.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(fixture.sim.state().cloneRequests(vmid)).as("the clone happened nevertheless").isEqualTo(1);

        // while the copy runs its owner cannot be told yet: LOCKED; afterwards: done, as this server's
        var whileCopying = catchThrowableOfType(() -> hypervisor.clone(placement, spec),
                io.berth.api.provider.ProviderException.class);
        assertThat(whileCopying.kind()).isEqualTo(Kind.LOCKED);
        var handle = driver.step(Instant.now().plusSeconds(10), () -> hypervisor.clone(placement, spec));
        assertThat(hypervisor.task(handle).state()).isEqualTo(TaskStatus.State.SUCCEEDED);
        assertThat(fixture.sim.state().cloneRequests(vmid)).isEqualTo(1);
        assertThat(hypervisor.state(placement.vm()).serverId()).isEqualTo("lost-1");

        // another server's clone onto that id is refused as taken
        var other = catchThrowableOfType(() -> hypervisor.clone(placement, SimulatorFixture.spec("other-1", 4)),
                io.berth.api.provider.ProviderException.class);
        assertThat(other.kind()).isEqualTo(Kind.ALREADY_EXISTS);
        assertThat(fixture.sim.state().cloneRequests(vmid)).isEqualTo(1);
        driver.cleanUp(placement.vm(), "other-1");
        assertThat(fixture.guests()).as("cleanup for another server leaves this one's VM").hasSize(1);
        driver.cleanUp(placement.vm(), "lost-1");
        assertThat(fixture.guests()).isEmpty();
    }

    private static TaskStatus hypervisorTask(ProxmoxHypervisor hypervisor, String node, String upid) {
        try {
            return hypervisor.task(new io.berth.api.hypervisor.TaskHandle(node, upid));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
