package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.testbed.pve.ErrorKind;
import io.berth.testbed.pve.FaultPhase;
import io.berth.testbed.pve.SimOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One request in five fails (500, 503, a hang past the client timeout, a reset), before the
 * simulator handled it or after (the change happened, the answer is lost). Every provisioning and
 * every deletion must still converge, with exactly one VM per server and one accepted clone each.
 */
class FaultSimulatorTest {

    private static final int SERVERS = 8;

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

    @ParameterizedTest
    @EnumSource(FaultPhase.class)
    void convergesUnderTwentyPercentServerErrorsAndTimeouts(FaultPhase phase) throws Exception {
        Hypervisor hypervisor = fixture.tokenProvider(Map.of("request.timeout.seconds", "1", "http.retries", "2"));
        ProvisioningDriver driver = new ProvisioningDriver(hypervisor, Duration.ofSeconds(90), false);
        fixture.sim.faults().errorRate(0.2, ErrorKind.HTTP_500, ErrorKind.HTTP_503, ErrorKind.TIMEOUT, ErrorKind.RESET)
                .errorPhase(phase).hangDuration(Duration.ofMillis(1500));

        ExecutorService pool = Executors.newFixedThreadPool(SERVERS);
        try {
            List<Future<ProvisioningDriver.Result>> futures = new ArrayList<>();
            for (int i = 0; i < SERVERS; i++) {
                int index = i;
                futures.add(pool.submit(() -> driver.provision(SimulatorFixture.spec(phase + "-" + index, index))));
            }
            List<ProvisioningDriver.Result> results = new ArrayList<>();
            for (Future<ProvisioningDriver.Result> f : futures) {
                results.add(f.get());
            }

            assertThat(driver.retries.get()).as("faults were injected and retried").isPositive();
            assertThat(results.stream().map(r -> r.vm().vmId()).collect(Collectors.toSet())).hasSize(SERVERS);
            assertThat(fixture.guests()).as("no duplicate VMs").hasSize(SERVERS);
            assertThat(fixture.berthVms().stream()
                    .map(v -> ServerMarker.serverId(v.config().get("description")).orElseThrow())
                    .collect(Collectors.toSet())).hasSize(SERVERS);
            for (ProvisioningDriver.Result r : results) {
                assertThat(fixture.sim.state().cloneRequests(Integer.parseInt(r.vm().vmId())))
                        .as("clone of %s accepted once", r.vm()).isEqualTo(1);
            }
            assertThat(fixture.sim.state().cloneRequests().values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(SERVERS + driver.failedClones.get());

            List<Future<?>> deletions = new ArrayList<>();
            for (ProvisioningDriver.Result r : results) {
                deletions.add(pool.submit(() -> {
                    driver.destroy(r.vm());
                    return null;
                }));
            }
            for (Future<?> f : deletions) {
                f.get();
            }
            assertThat(fixture.guests()).isEmpty();
        } finally {
            fixture.sim.faults().clear();
            pool.shutdownNow();
            pool.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS); // no driver outlives its test
        }
    }
}
