package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.testbed.pve.SimOptions;
import io.berth.testbed.pve.VmView;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 20 servers created at once by two runtimes (two provider instances: their in-process id
 * bookkeeping does not see each other), so both choose ids from the same picture of the cluster.
 */
class ParallelSimulatorTest {

    static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new SimulatorFixture(SimOptions.fast());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void twentyParallelCreatesAcrossTwoRuntimesAllSucceedWithDistinctIds() throws Exception {
        List<Hypervisor> runtimes = List.of(fixture.tokenProvider(Map.of()), fixture.tokenProvider(Map.of()));
        List<ProvisioningDriver> drivers = runtimes.stream()
                .map(h -> new ProvisioningDriver(h, Duration.ofSeconds(60), false)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<ProvisioningDriver.Result>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                ProvisioningDriver driver = drivers.get(i % 2);
                int index = i;
                futures.add(pool.submit(() -> driver.provision(SimulatorFixture.spec("par-" + index, index))));
            }
            List<ProvisioningDriver.Result> results = new ArrayList<>();
            for (Future<ProvisioningDriver.Result> f : futures) {
                results.add(f.get());
            }

            Set<String> vmids = results.stream().map(r -> r.vm().vmId()).collect(Collectors.toSet());
            assertThat(vmids).hasSize(20);
            // ids collide across runtimes now and then (each draws from the lowest free ids of the same
            // picture); every collision ends in a new placement
            assertThat(results.stream().mapToInt(ProvisioningDriver.Result::placements).sum())
                    .isGreaterThanOrEqualTo(20);
            List<VmView> berth = fixture.berthVms();
            assertThat(berth).hasSize(20);
            assertThat(fixture.guests()).hasSize(20);
            assertThat(berth.stream().map(v -> ServerMarker.serverId(v.config().get("description")).orElseThrow())
                    .collect(Collectors.toSet())).hasSize(20);
            for (ProvisioningDriver.Result r : results) {
                VmView view = fixture.sim.state().vm(Integer.parseInt(r.vm().vmId())).orElseThrow();
                assertThat(view.status()).isEqualTo("running");
                assertThat(r.address()).isEqualTo(PropertyString.parse(view.config().get("ipconfig0")).get("ip").split("/")[0]);
            }
            // both runtimes may get a clone of the same id accepted; the loser's task fails (target lock
            // timeout or "config file already exists") and its driver clones again elsewhere
            int failedClones = drivers.stream().mapToInt(d -> d.failedClones.get()).sum();
            assertThat(fixture.sim.state().cloneRequests().values().stream().mapToInt(Integer::intValue).sum())
                    .as("every server's clone accepted once (plus clones that failed and were redone)")
                    .isEqualTo(20 + failedClones);
            assertThat(failedClones).as(fixture.sim.state().tasks().stream()
                    .filter(t -> t.exitStatus() != null && !t.exitStatus().startsWith("OK"))
                    .map(t -> t.type() + " " + t.exitStatus()).toList().toString()).isLessThanOrEqualTo(10);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS); // no driver outlives its test
        }
    }
}
