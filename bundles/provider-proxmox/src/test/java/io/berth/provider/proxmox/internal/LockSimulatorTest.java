package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.hypervisor.VmSpec.NetworkConfig;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.testbed.pve.SimOptions;
import io.berth.testbed.pve.TaskView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lock timeouts: on the storage while parallel full clones allocate disks, and on a VM's config. */
class LockSimulatorTest {

    private static final int CLONES = 5;

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

    @AfterEach
    void clearFaults() {
        fixture.sim.faults().clear();
    }

    @Test
    void storageLockTimeoutsInCloneTasksAreRetriedUntilAllConverge() throws Exception {
        // each disk allocation holds the storage lock 250 ms and others wait 500 ms for it: the third in
        // the queue times out
        fixture.sim.faults().storageLockHold(Duration.ofMillis(250));
        Hypervisor unlimited = fixture.tokenProvider(Map.of("clone.max.per.node", "0", "clone.max.per.storage", "0"));
        ProvisioningDriver driver = new ProvisioningDriver(unlimited, Duration.ofSeconds(60), false);

        provisionFullClones(driver, "contended");

        assertThat(driver.failedClones.get()).as("lock timeouts happened").isPositive();
        assertThat(failedCloneTasks()).isNotEmpty().allSatisfy(t -> assertThat(t.exitStatus()).containsPattern("got (lock request )?timeout"));
        assertThat(fixture.guests()).hasSize(CLONES);
    }

    @Test
    void oneCloneAtATimePerStorageAvoidsStorageLockTimeouts() throws Exception {
        fixture.sim.faults().storageLockHold(Duration.ofMillis(250));
        Hypervisor limited = fixture.tokenProvider(Map.of("clone.max.per.node", "0", "clone.max.per.storage", "1",
                "clone.max.per.shared.storage", "1"));
        ProvisioningDriver driver = new ProvisioningDriver(limited, Duration.ofSeconds(60), false);

        provisionFullClones(driver, "limited");

        assertThat(failedCloneTasks()).isEmpty();
        assertThat(driver.failedClones.get()).isZero();
        assertThat(fixture.guests()).hasSize(CLONES);
    }

    @Test
    void configureIsLockedWhileTheCloneRunsAndWhileAnotherTaskHoldsTheConfigLock() throws Exception {
        Hypervisor hypervisor = fixture.tokenProvider(Map.of());
        ProvisioningDriver driver = new ProvisioningDriver(hypervisor, Duration.ofSeconds(30), false);
        VmSpec spec = SimulatorFixture.spec("locks-1", 1);
        Instant end = Instant.now().plusSeconds(30);

        fixture.sim.faults().taskLatency(Duration.ofMillis(1500));
        Placement placement = hypervisor.place(spec, List.of());
        TaskHandle clone = hypervisor.clone(placement, spec);
        ProviderException whileCloning = catchThrowableOfType(() -> hypervisor.configure(placement.vm(), spec),
                ProviderException.class);
        assertThat(whileCloning.kind()).isEqualTo(Kind.LOCKED);
        assertThat(whileCloning.retryable()).isTrue();
        assertThat(hypervisor.state(placement.vm()).locked()).isTrue();
        driver.awaitTask(end, "clone", clone, placement.vm());

        // a resize task holds the config lock for 1.5 s; PVE waits 500 ms for it, then gives up
        Optional<TaskHandle> resize = hypervisor.resizeDisk(placement.vm(), spec);
        assertThat(resize).isPresent();
        ProviderException lockTimeout = catchThrowableOfType(() -> hypervisor.configure(placement.vm(), spec),
                ProviderException.class);
        assertThat(lockTimeout.kind()).isEqualTo(Kind.LOCKED);
        assertThat(lockTimeout.getMessage()).contains("can't lock file");
        fixture.sim.faults().clear();
        driver.awaitTask(end, "resize", resize.get(), placement.vm());

        driver.awaitTask(end, "configure", driver.change(end, () -> hypervisor.configure(placement.vm(), spec)),
                placement.vm());
        assertThat(hypervisor.configure(placement.vm(), spec)).isEmpty();
        driver.cleanUp(placement.vm(), spec.serverId());
        assertThat(fixture.guests()).isEmpty();
    }

    private void provisionFullClones(ProvisioningDriver driver, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLONES);
        try {
            List<Future<ProvisioningDriver.Result>> futures = new ArrayList<>();
            for (int i = 0; i < CLONES; i++) {
                int index = i;
                futures.add(pool.submit(() -> driver.provision(fullClone(prefix + "-" + index, index))));
            }
            for (Future<ProvisioningDriver.Result> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS); // no driver outlives its test
        }
    }

    private static VmSpec fullClone(String serverId, int index) {
        VmSpec linked = SimulatorFixture.spec(serverId, index);
        return new VmSpec(serverId, linked.name(), linked.templateRef(), false, 1, 1024, 8,
                new NetworkConfig(linked.network().address(), 24, null, List.of()), null, List.of());
    }

    private static List<TaskView> failedCloneTasks() {
        return fixture.sim.state().tasks().stream()
                .filter(t -> t.type().equals("qmclone") && t.exitStatus() != null && !t.exitStatus().equals("OK"))
                .toList();
    }
}
