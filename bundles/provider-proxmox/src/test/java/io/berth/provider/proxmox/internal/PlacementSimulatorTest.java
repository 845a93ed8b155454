package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.VmSpec;
import io.berth.testbed.pve.SimOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Placement against the simulator, whose template 9000 has its disks on the shared {@code ceph-vm}
 * (shared only says so in {@code /nodes/{node}/storage}): a burst of placements gets distinct VM
 * ids without queueing behind each other's requests, and spreads over the nodes.
 */
class PlacementSimulatorTest {

    static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        // 50 ms per request: placements queueing behind each other would take 200 x 2 x 50 ms = 20 s
        fixture = new SimulatorFixture(SimOptions.fast().toBuilder().latencies(SimOptions.fast().latencies()
                .toBuilder().request(Duration.ofMillis(50)).build()).build());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void twoHundredParallelPlacementsGetDistinctIdsQuicklyAndSpreadOverTheNodes() throws Exception {
        ProxmoxHypervisor provider = fixture.tokenProvider(Map.of("vmid.min", "1000", "vmid.max", "1999"));
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Callable<Placement>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                VmSpec spec = SimulatorFixture.spec("burst-" + i, i);
                calls.add(() -> provider.place(spec, List.of()));
            }
            long started = System.nanoTime();
            List<Placement> placements = new ArrayList<>();
            for (Future<Placement> f : pool.invokeAll(calls)) {
                placements.add(f.get());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(placements.stream().map(p -> p.vm().vmId()).distinct()).hasSize(200);
            assertThat(placements).allSatisfy(p -> assertThat(Integer.parseInt(p.vm().vmId())).isBetween(1000, 1999));
            assertThat(took).as("placements ran in parallel").isLessThan(Duration.ofSeconds(8));
            Map<String, Long> perNode = placements.stream()
                    .collect(Collectors.groupingBy(p -> p.vm().node(), Collectors.counting()));
            assertThat(perNode).as("template on shared storage: every node").containsOnlyKeys("pve1", "pve2", "pve3");
            assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isBetween(50L, 84L));
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCloneRightAfterItsPlacementReusesWhatThePlacementFound() throws Exception {
        ProxmoxHypervisor provider = fixture.tokenProvider(Map.of("vmid.min", "1000", "vmid.max", "1999"));
        VmSpec spec = SimulatorFixture.spec("reuse", 7);
        Placement placement = provider.place(spec, List.of());
        long before = fixture.sim.state().apiRequests();

        provider.clone(placement, spec);

        // the nextid?vmid probe, at most the target node's storage list, and the clone itself; no
        // /cluster/resources or template config read again
        assertThat(fixture.sim.state().apiRequests() - before).isLessThanOrEqualTo(3);
    }

    @Test
    void idsAlreadyTriedAreAvoided() throws Exception {
        // a range of its own: the clone test of this class may have taken any of the lowest ids from 1000
        ProxmoxHypervisor provider = fixture.tokenProvider(Map.of("vmid.min", "2000", "vmid.max", "2003"));
        List<String> avoid = List.of("2000", "2001", "2002");

        Placement placement = provider.place(SimulatorFixture.spec("avoid", 1), avoid);

        assertThat(placement.vm().vmId()).isEqualTo("2003");
    }
}
