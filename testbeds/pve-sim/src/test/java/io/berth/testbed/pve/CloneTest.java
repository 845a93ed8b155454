package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.testbed.pve.support.ApiResponse;
import io.berth.testbed.pve.support.PveClient;
import io.berth.testbed.pve.support.StatusLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clone: tasks, UPIDs, the clone lock, "already exists", linked/full rules, storage lock contention. */
class CloneTest {

    static final String UPID = "^UPID:[a-zA-Z0-9-]+:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:[^:\\s]+:[^:\\s]*:[^:\\s]+:$";

    private static PveSimulator sim;
    private PveClient api;

    @BeforeAll
    static void start() {
        sim = PveSimulator.start(SimOptions.builder().profile(LatencyProfile.FAST).seed(7).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
        api = PveClient.withToken(sim);
    }

    private String clone(int source, int newid, Map<String, String> extra) {
        Map<String, String> params = new java.util.LinkedHashMap<>(extra);
        params.put("newid", Integer.toString(newid));
        ApiResponse r = api.post("/nodes/pve1/qemu/" + source + "/clone", params);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.data().asText();
    }

    @Test
    void fullCloneIsATaskAndTheNewVmStaysLockedUntilItEnds() throws Exception {
        sim.faults().taskLatency(Duration.ofMillis(3000));
        String upid = clone(9000, 200, Map.of("name", "web-1", "full", "1"));
        assertThat(upid).matches(UPID).contains(":qmclone:9000:root@pam!berth:").startsWith("UPID:pve1:");

        assertThat(sim.state().vm(200)).hasValueSatisfying(vm -> assertThat(vm.lock()).isEqualTo("clone"));
        JsonNode during = api.get("/nodes/pve1/qemu/200/config").data();
        assertThat(during.get("lock").asText()).isEqualTo("clone");
        assertThat(api.get("/nodes/pve1/tasks/" + upid + "/status").data().get("status").asText()).isEqualTo("running");

        ApiResponse update = api.post("/nodes/pve1/qemu/200/config", Map.of("cores", "4"));
        assertThat(update.status()).isEqualTo(500);
        assertThat(update.message()).isEqualTo("can't lock file '/var/lock/qemu-server/lock-200.conf' - got timeout");
        assertThat(update.data().isNull()).isTrue();

        String start = api.post("/nodes/pve1/qemu/200/status/start", Map.of()).data().asText();
        assertThat(api.exitStatus(start)).isEqualTo("can't lock file '/var/lock/qemu-server/lock-200.conf' - got timeout");

        assertThat(api.exitStatus(upid)).isEqualTo("OK");
        JsonNode conf = api.get("/nodes/pve1/qemu/200/config").data();
        assertThat(conf.has("lock")).isFalse();
        assertThat(conf.has("template")).isFalse();
        assertThat(conf.get("name").asText()).isEqualTo("web-1");
        assertThat(conf.get("scsi0").asText()).startsWith("ceph-vm:vm-200-disk-0,").contains("size=3584M");
        assertThat(conf.get("ide2").asText()).isEqualTo("ceph-vm:vm-200-cloudinit,media=cdrom");
        String templateNet = api.get("/nodes/pve1/qemu/9000/config").data().get("net0").asText();
        assertThat(conf.get("net0").asText()).startsWith("virtio=BC:24:11:").isNotEqualTo(templateNet).endsWith(",bridge=vmbr0,firewall=1");
        assertThat(conf.get("cores").asInt()).isEqualTo(2);
        assertThat(api.put("/nodes/pve1/qemu/200/config", Map.of("cores", "4")).status()).isEqualTo(200);
        List<String> log = sim.state().task(upid).orElseThrow().log();
        assertThat(log).contains("create full clone of drive scsi0 (ceph-vm:base-9000-disk-0)").last().isEqualTo("TASK OK");
    }

    @Test
    void lockTimeoutIsAlsoTheReasonPhrase() throws Exception {
        StatusLine.fetch(sim, "GET", "/version", Map.of("Authorization", StatusLine.tokenHeader(sim)), null);
        sim.faults().taskLatency(Duration.ofMillis(2500));
        clone(9000, 210, Map.of());
        String line = StatusLine.fetch(sim, "PUT", "/nodes/pve1/qemu/210/config",
                Map.of("Authorization", StatusLine.tokenHeader(sim)), "cores=2");
        assertThat(line).isEqualTo("HTTP/1.1 500 can't lock file '/var/lock/qemu-server/lock-210.conf' - got timeout");
    }

    @Test
    void aStaleCloneLockRefusesChangesUntilUnlocked() {
        assertThat(api.exitStatus(clone(9000, 211, Map.of()))).isEqualTo("OK");
        assertThat(api.put("/nodes/pve1/qemu/211/config", Map.of("lock", "clone", "skiplock", "1")).status()).isEqualTo(200);
        ApiResponse refused = api.put("/nodes/pve1/qemu/211/config", Map.of("cores", "2"));
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.message()).isEqualTo("VM is locked (clone)");
        assertThat(api.put("/nodes/pve1/qemu/211/config", Map.of("delete", "lock", "skiplock", "1")).status()).isEqualTo(200);
        assertThat(api.put("/nodes/pve1/qemu/211/config", Map.of("cores", "2")).status()).isEqualTo(200);
    }

    @Test
    void aSecondCloneToAnExistingVmidFailsWithAlreadyExists() {
        sim.faults().taskLatency(Duration.ofMillis(400));
        String first = clone(9000, 201, Map.of());
        ApiResponse during = api.post("/nodes/pve1/qemu/9001/clone", Map.of("newid", "201"));
        assertThat(during.status()).isEqualTo(500);
        assertThat(during.message()).isEqualTo("unable to create VM 201: config file already exists");
        assertThat(api.exitStatus(first)).isEqualTo("OK");
        ApiResponse after = api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "201"));
        assertThat(after.message()).isEqualTo("unable to create VM 201: config file already exists");
        assertThat(sim.state().cloneRequests(201)).isEqualTo(1);
    }

    @Test
    void concurrentClonesToOneVmidLeaveExactlyOneVm() throws Exception {
        sim.faults().taskLatency(Duration.ofMillis(600));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<ApiResponse>> calls = new ArrayList<>();
        for (int source : new int[] {9000, 9001}) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return api.post("/nodes/pve1/qemu/" + source + "/clone", Map.of("newid", "202"));
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        int accepted = 0;
        for (CompletableFuture<ApiResponse> c : calls) {
            ApiResponse r = c.get();
            if (r.ok()) {
                accepted++;
                outcomes.add(api.exitStatus(r.data().asText()));
            } else {
                outcomes.add(r.message());
            }
        }
        assertThat(outcomes).containsOnlyOnce("OK");
        assertThat(outcomes).filteredOn(o -> !o.equals("OK")).singleElement().isIn(
                "unable to create VM 202: config file already exists",
                "can't lock file '/var/lock/qemu-server/lock-202.conf' - got timeout");
        assertThat(sim.state().cloneRequests(202)).isEqualTo(accepted);
        assertThat(sim.state().vms()).filteredOn(vm -> vm.vmid() == 202).hasSize(1);
    }

    @Test
    void linkedCloneOfATemplateSharesTheBaseDisk() {
        String upid = clone(9000, 203, Map.of("full", "0", "name", "linked"));
        assertThat(api.exitStatus(upid)).isEqualTo("OK");
        JsonNode conf = api.get("/nodes/pve1/qemu/203/config").data();
        assertThat(conf.get("scsi0").asText()).startsWith("ceph-vm:base-9000-disk-0/vm-203-disk-0,");
        assertThat(conf.get("ide2").asText()).isEqualTo("ceph-vm:vm-203-cloudinit,media=cdrom");
        assertThat(sim.state().task(upid).orElseThrow().log())
                .contains("create linked clone of drive scsi0 (ceph-vm:base-9000-disk-0)");
    }

    @Test
    void templatesCloneLinkedByDefaultAndNamesDefaultToCopyOf() {
        assertThat(api.exitStatus(clone(9002, 212, Map.of()))).isEqualTo("OK");
        JsonNode conf = api.get("/nodes/pve1/qemu/212/config").data();
        assertThat(conf.get("scsi0").asText()).startsWith("ceph-vm:base-9002-disk-0/vm-212-disk-0");
        assertThat(conf.get("name").asText()).isEqualTo("Copy-of-VM-rocky-9-cloudinit");
    }

    @Test
    void linkedClonesOnlyFromTemplatesAndWithoutStorage() {
        assertThat(api.exitStatus(clone(9000, 204, Map.of("full", "1")))).isEqualTo("OK");
        ApiResponse linked = api.post("/nodes/pve1/qemu/204/clone", Map.of("newid", "205", "full", "0"));
        assertThat(linked.status()).isEqualTo(500);
        assertThat(linked.message()).isEqualTo("Linked clone feature is not supported for drive 'scsi0'");
        ApiResponse withStorage = api.post("/nodes/pve1/qemu/9000/clone",
                Map.of("newid", "205", "full", "0", "storage", "local-lvm"));
        assertThat(withStorage.message()).isEqualTo("parameter 'storage' not allowed for linked clones");
        assertThat(sim.state().vm(205)).isEmpty();
    }

    @Test
    void fullClonesMayTargetAnotherNodeFromSharedStorage() {
        assertThat(api.exitStatus(clone(9001, 206, Map.of("full", "1", "target", "pve2")))).isEqualTo("OK");
        assertThat(sim.state().vm(206).orElseThrow().node()).isEqualTo("pve2");
        assertThat(api.get("/nodes/pve2/qemu").data().findValuesAsText("vmid")).contains("206");
        ApiResponse wrongNode = api.get("/nodes/pve1/qemu/206/config");
        assertThat(wrongNode.status()).isEqualTo(500);
        assertThat(wrongNode.message()).isEqualTo("Configuration file 'nodes/pve1/qemu-server/206.conf' does not exist");
    }

    @Test
    void localStorageCannotCrossNodes() {
        ApiResponse toLocal = api.post("/nodes/pve1/qemu/9000/clone",
                Map.of("newid", "207", "full", "1", "target", "pve2", "storage", "local-lvm"));
        assertThat(toLocal.message()).isEqualTo("can't clone to non-shared storage 'local-lvm'");
        assertThat(api.exitStatus(clone(9000, 207, Map.of("full", "1", "storage", "local-lvm")))).isEqualTo("OK");
        assertThat(api.get("/nodes/pve1/qemu/207/config").data().get("scsi0").asText()).startsWith("local-lvm:vm-207-disk-0,");
        ApiResponse fromLocal = api.post("/nodes/pve1/qemu/207/clone", Map.of("newid", "208", "target", "pve3"));
        assertThat(fromLocal.message()).isEqualTo("can't clone VM to node 'pve3' (VM uses local storage)");
    }

    @Test
    void clonesOntoOneStorageContendForItsLock() throws Exception {
        sim.faults().storageLockHold(Duration.ofMillis(800));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> upids = new ArrayList<>();
        for (int newid : new int[] {220, 221}) {
            upids.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return clone(9000, newid, Map.of("full", "1", "storage", "local-lvm"));
            }));
        }
        go.countDown();
        List<String> exits = new ArrayList<>();
        for (CompletableFuture<String> u : upids) {
            exits.add(api.exitStatus(u.get()));
        }
        assertThat(exits).containsExactlyInAnyOrder("OK",
                "clone failed: can't lock file '/var/lock/pve-manager/pve-storage-local-lvm' - got timeout");
        assertThat(sim.state().vms()).filteredOn(vm -> vm.vmid() == 220 || vm.vmid() == 221).hasSize(1);
    }

    @Test
    void injectedCloneFailuresRemoveTheHalfMadeVm() {
        sim.faults().failNextCloneTasks(1);
        String failed = clone(9000, 230, Map.of());
        assertThat(api.exitStatus(failed)).startsWith("clone failed: copy failed:");
        assertThat(sim.state().task(failed).orElseThrow().log()).last().asString().startsWith("TASK ERROR: clone failed:");
        assertThat(sim.state().vm(230)).isEmpty();
        assertThat(sim.faults().settings().failNextCloneTasks()).isZero();
        assertThat(api.exitStatus(clone(9000, 230, Map.of()))).isEqualTo("OK");
        assertThat(sim.state().cloneRequests(230)).isEqualTo(2);
    }
}
