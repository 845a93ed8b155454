package io.berth.testbed.hypervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.PowerAction;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHypervisorTest {

    @TempDir
    Path dir;

    private FileHypervisor node(String actor) throws Exception {
        return new FileHypervisor("files", dir, FileHypervisor.templates(new String[] {"tmpl-1|Test|ubuntu|10"}), actor);
    }

    private static VmSpec spec(String serverId) {
        return new VmSpec(serverId, "vm-" + serverId.substring(0, 8), "tmpl-1", false, 1, 1024, 10,
                new VmSpec.NetworkConfig("10.0.0.5", 24, "10.0.0.1", List.of()), "berth", List.of());
    }

    @Test
    void aServerGoesFromCloneToRunningToGoneAndEveryChangeIsJournalled() throws Exception {
        FileHypervisor hv = node("a");
        VmSpec spec = spec(UUID.randomUUID().toString());
        Placement at = hv.place(spec, List.of());
        assertThat(Integer.parseInt(at.vm().vmId())).isBetween(100, 107);
        hv.clone(at, spec);
        assertThat(hv.clone(at, spec)).as("repeating this server's clone is harmless").isNotNull();
        assertThat(hv.configure(at.vm(), spec)).isEmpty();
        assertThat(hv.guestAddress(at.vm())).as("stopped: no agent").isEmpty();
        assertThat(hv.power(at.vm(), PowerAction.START)).isPresent();
        assertThat(hv.power(at.vm(), PowerAction.START)).as("already running").isEmpty();
        assertThat(hv.state(at.vm()).power()).isEqualTo(VmState.Power.RUNNING);
        assertThat(hv.state(at.vm()).serverId()).isEqualTo(spec.serverId());
        assertThat(hv.guestAddress(at.vm())).contains("10.0.0.5");
        assertThat(hv.list()).hasSize(1);
        assertThat(hv.delete(at.vm())).isPresent();
        assertThat(hv.delete(at.vm())).isEmpty();
        assertThat(hv.state(at.vm()).power()).isEqualTo(VmState.Power.ABSENT);
        assertThat(Files.readAllLines(dir.resolve("journal.log"))).extracting(l -> l.split(" ")[1])
                .containsExactly("clone", "configure", "start", "delete");
    }

    @Test
    void anotherServersVmIdIsRefusedAsAlreadyExisting() throws Exception {
        FileHypervisor hv = node("a");
        VmSpec first = spec(UUID.randomUUID().toString());
        Placement at = hv.place(first, List.of());
        hv.clone(at, first);
        assertThatThrownBy(() -> hv.clone(at, spec(UUID.randomUUID().toString())))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.ALREADY_EXISTS));
        for (int i = 0; i < 50; i++) {
            String next = hv.place(first, List.of("101", "102")).vm().vmId();
            assertThat(next).isNotIn(at.vm().vmId(), "101", "102");
            assertThat(Integer.parseInt(next)).isBetween(100, 110);
        }
    }

    @Test
    void twoNodesRacingForOneVmIdGetOneVmBetweenThem() throws Exception {
        FileHypervisor a = node("a");
        FileHypervisor b = node("b");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                FileHypervisor hv = i % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    VmSpec spec = spec(UUID.randomUUID().toString());
                    List<String> tried = new java.util.ArrayList<>();
                    while (true) {
                        Placement at = hv.place(spec, tried);
                        try {
                            hv.clone(at, spec);
                            owners.put(at.vm().vmId(), spec.serverId());
                            return null;
                        } catch (ProviderException e) {
                            assertThat(e.kind()).isEqualTo(ProviderException.Kind.ALREADY_EXISTS);
                            tried.add(at.vm().vmId());
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(owners).hasSize(40);
        assertThat(a.list()).hasSize(40).allSatisfy(vm -> assertThat(owners.get(vm.vm().vmId())).isEqualTo(vm.serverId()));
        assertThat(Files.readAllLines(dir.resolve("journal.log"))).hasSize(40);
    }

    @Test
    void unknownTemplatesAndVmsAreNotFound() throws Exception {
        FileHypervisor hv = node("a");
        VmSpec spec = new VmSpec(UUID.randomUUID().toString(), "x", "tmpl-9", false, 1, 1024, 10, null, null, null);
        assertThatThrownBy(() -> hv.clone(hv.place(spec, List.of()), spec)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> hv.power(new io.berth.api.hypervisor.VmRef("node1", "555"), PowerAction.START))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> FileHypervisor.templates(new String[] {"only|three|fields"}))
                .hasMessageContaining("ref|name|os|disk_gb");
    }
}
