package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.testbed.pve.support.ApiResponse;
import io.berth.testbed.pve.support.PveClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Task status and log: OK, WARNINGS: n, error texts; UPID format; lookup errors. */
class TaskTest {

    private static PveSimulator sim;
    private PveClient api;

    @BeforeAll
    static void start() {
        sim = PveSimulator.start(SimOptions.fast());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
        api = PveClient.withToken(sim);
        assertThat(api.exitStatus(api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "500")).data().asText()))
                .isEqualTo("OK");
    }

    @Test
    void statusHasThePveFieldsAndDecodesTheUpid() {
        String upid = api.post("/nodes/pve1/qemu/500/status/start", Map.of()).data().asText();
        JsonNode status = api.waitForTask(upid, java.time.Duration.ofSeconds(5));
        String[] f = upid.split(":");
        assertThat(status.get("upid").asText()).isEqualTo(upid);
        assertThat(status.get("node").asText()).isEqualTo("pve1").isEqualTo(f[1]);
        assertThat(status.get("pid").asLong()).isEqualTo(Long.parseLong(f[2], 16));
        assertThat(status.get("pstart").asLong()).isEqualTo(Long.parseLong(f[3], 16));
        assertThat(status.get("starttime").asLong()).isEqualTo(Long.parseLong(f[4], 16));
        assertThat(status.get("type").asText()).isEqualTo("qmstart");
        assertThat(status.get("id").asText()).isEqualTo("500");
        assertThat(status.get("user").asText()).isEqualTo("root@pam!berth");
        assertThat(status.get("status").asText()).isEqualTo("stopped");
        assertThat(status.get("exitstatus").asText()).isEqualTo("OK");
        assertThat(Math.abs(status.get("starttime").asLong() - System.currentTimeMillis() / 1000)).isLessThan(60);
    }

    @Test
    void theNodeTaskListShowsEndedTasksWithTheirStatusAndRunningOnesWithout() {
        sim.faults().taskLatency(java.time.Duration.ofSeconds(3)); // the start runs while the list is read
        String running = api.post("/nodes/pve1/qemu/500/status/start", Map.of()).data().asText();
        String clone = sim.state().tasks().stream().map(TaskView::upid).filter(u -> u.contains(":qmclone:"))
                .findFirst().orElseThrow();

        ApiResponse archive = api.get("/nodes/pve1/tasks");
        assertThat(archive.data().findValuesAsText("upid")).containsExactly(clone);
        JsonNode ended = archive.data().get(0);
        assertThat(ended.get("status").asText()).isEqualTo("OK");
        assertThat(ended.get("endtime").asLong()).isGreaterThanOrEqualTo(ended.get("starttime").asLong());
        assertThat(ended.get("type").asText()).isEqualTo("qmclone");

        JsonNode all = api.get("/nodes/pve1/tasks", Map.of("source", "all", "limit", "500")).data();
        assertThat(all.findValuesAsText("upid")).containsExactlyInAnyOrder(clone, running);
        JsonNode stillRunning = api.get("/nodes/pve1/tasks", Map.of("source", "active")).data().get(0);
        assertThat(stillRunning.get("upid").asText()).isEqualTo(running);
        assertThat(stillRunning.get("status").asText()).isEqualTo("RUNNING");
        assertThat(stillRunning.has("endtime")).isFalse();

        assertThat(api.get("/nodes/pve1/tasks", Map.of("source", "all", "typefilter", "qmstart")).data()
                .findValuesAsText("upid")).containsExactly(running);
        assertThat(api.get("/nodes/pve1/tasks", Map.of("source", "all", "since",
                String.valueOf(System.currentTimeMillis() / 1000 + 3600))).data()).isEmpty();
        assertThat(api.get("/nodes/pve2/tasks", Map.of("source", "all")).data()).isEmpty();
        ApiResponse first = api.get("/nodes/pve1/tasks", Map.of("source", "all", "limit", "1"));
        assertThat(first.data()).hasSize(1);
        assertThat(first.body().get("total").asInt()).isEqualTo(2);
        api.waitForTask(running, java.time.Duration.ofSeconds(10)); // it holds VM 500's lock until then
    }

    @Test
    void warningsCountButTheTaskSucceeds() {
        String upid = api.post("/nodes/pve1/qemu/500/config", Map.of("delete", "onboot,startup")).data().asText();
        assertThat(api.exitStatus(upid)).isEqualTo("WARNINGS: 2");
        ApiResponse log = api.get("/nodes/pve1/tasks/" + upid + "/log");
        assertThat(log.body().get("total").asInt()).isEqualTo(log.data().size());
        assertThat(log.data().findValuesAsText("t")).contains(
                "WARN: cannot delete 'onboot' - not set in current configuration!", "TASK WARNINGS: 2");
        assertThat(log.data().get(0).get("n").asInt()).isEqualTo(1);
    }

    @Test
    void failedTasksCarryTheErrorAsExitStatus() {
        String upid = api.put("/nodes/pve1/qemu/500/resize", Map.of("disk", "scsi0", "size", "1G")).data().asText();
        assertThat(api.exitStatus(upid)).isEqualTo("shrinking disks is not supported");
        ApiResponse log = api.get("/nodes/pve1/tasks/" + upid + "/log", Map.of("start", "0", "limit", "10"));
        assertThat(log.data().findValuesAsText("t")).last().isEqualTo("TASK ERROR: shrinking disks is not supported");
    }

    @Test
    void injectedTaskFailuresAndWarnings() {
        sim.faults().taskFailureRate(1.0).taskFailureMessage("unexpected status");
        assertThat(api.exitStatus(api.post("/nodes/pve1/qemu/500/status/start", Map.of()).data().asText()))
                .isEqualTo("unexpected status");
        assertThat(sim.state().vm(500).orElseThrow().status()).isEqualTo("stopped");
        sim.faults().clear().taskWarningRate(1.0);
        assertThat(api.exitStatus(api.post("/nodes/pve1/qemu/500/status/start", Map.of()).data().asText()))
                .isEqualTo("WARNINGS: 1");
        assertThat(sim.state().vm(500).orElseThrow().status()).isEqualTo("running");
    }

    @Test
    void logPaging() {
        String upid = api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "501", "full", "1")).data().asText();
        api.exitStatus(upid);
        ApiResponse all = api.get("/nodes/pve1/tasks/" + upid + "/log");
        ApiResponse page = api.get("/nodes/pve1/tasks/" + upid + "/log", Map.of("start", "1", "limit", "2"));
        assertThat(page.data()).hasSize(2);
        assertThat(page.data().get(0).get("n").asInt()).isEqualTo(2);
        assertThat(page.data().get(0).get("t")).isEqualTo(all.data().get(1).get("t"));
        assertThat(page.body().get("total").asInt()).isEqualTo(all.data().size());
    }

    @Test
    void unknownOrMalformedUpids() {
        ApiResponse malformed = api.get("/nodes/pve1/tasks/not-a-upid/status");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errors().get("upid").asText()).isEqualTo("unable to parse worker upid");
        String upid = sim.state().tasks().get(0).upid();
        ApiResponse wrongNode = api.get("/nodes/pve2/tasks/" + upid + "/status");
        assertThat(wrongNode.errors().get("upid").asText()).isEqualTo("no such task");
        ApiResponse unknown = api.get("/nodes/pve1/tasks/UPID:pve1:00001234:00001234:5F000000:qmstart:100:root@pam:/status");
        assertThat(unknown.errors().get("upid").asText()).isEqualTo("no such task");
    }
}
