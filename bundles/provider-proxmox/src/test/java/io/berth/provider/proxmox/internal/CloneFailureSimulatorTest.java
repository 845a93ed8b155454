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

    private static TaskStatus hypervisorTask(ProxmoxHypervisor hypervisor, String node, String upid) {
        try {
            return hypervisor.task(new io.berth.api.hypervisor.TaskHandle(node, upid));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
