package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.PowerAction;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.testbed.pve.ErrorKind;
import io.berth.testbed.pve.LatencyProfile;
import io.berth.testbed.pve.SimOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A guest agent that comes up late, and one whose answers take longer than the agent timeout. */
class GuestAgentSimulatorTest {

    static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new SimulatorFixture(SimOptions.builder().profile(LatencyProfile.FAST)
                .latencies(LatencyProfile.FAST.latencies().toBuilder().agentStartup(Duration.ofMillis(1500)).build())
                .build());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void addressIsEmptyUntilTheAgentRunsAndWhileItDoesNotAnswerInTime() throws Exception {
        ProxmoxHypervisor hypervisor = fixture.tokenProvider(Map.of("agent.timeout.seconds", "1"));
        ProvisioningDriver driver = new ProvisioningDriver(hypervisor, Duration.ofSeconds(30), false);
        VmSpec spec = SimulatorFixture.spec("agent-1", 1);
        Instant end = Instant.now().plusSeconds(30);
        var placement = hypervisor.place(spec, List.of());
        VmRef vm = placement.vm();
        driver.awaitTask(end, "clone", hypervisor.clone(placement, spec), vm);
        driver.awaitTask(end, "configure", hypervisor.configure(vm, spec), vm);
        assertThat(hypervisor.guestAddress(vm)).as("VM not running yet").isEmpty();
        driver.awaitTask(end, "start", hypervisor.power(vm, PowerAction.START), vm);

        Instant started = Instant.now();
        assertThat(hypervisor.guestAddress(vm)).as("agent still booting").isEmpty();
        // half of the agent calls now hang for 3 s, longer than the 1 s agent timeout
        fixture.sim.faults().errorPathPattern("agent/network-get-interfaces").errorRate(0.5, ErrorKind.TIMEOUT)
                .hangDuration(Duration.ofSeconds(3));
        int empty = 0;
        Optional<String> address = Optional.empty();
        while (address.isEmpty() && Instant.now().isBefore(end)) {
            address = hypervisor.guestAddress(vm); // never throws for a slow or absent agent
            if (address.isEmpty()) {
                empty++;
                Thread.sleep(100);
            }
        }
        fixture.sim.faults().clear();

        assertThat(address).contains(spec.network().address());
        assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
        assertThat(empty).isGreaterThan(1);
        driver.destroy(vm);
    }
}
