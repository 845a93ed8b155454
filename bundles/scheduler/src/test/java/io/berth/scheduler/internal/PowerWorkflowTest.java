package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.VmState;
import io.berth.api.job.JobKind;
import io.berth.api.job.JobStatus;
import io.berth.api.job.JobStep;
import io.berth.api.server.ServerStatus;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PowerWorkflowTest {

    private final Driver d = new Driver();
    private final FakeHypervisor hv = new FakeHypervisor("pve");

    @ParameterizedTest
    @CsvSource({
        "START, STOPPED, STARTING, RUNNING, RUNNING",
        "STOP, RUNNING, STOPPING, STOPPED, STOPPED",
        "SHUTDOWN, RUNNING, STOPPING, STOPPED, STOPPED",
        "REBOOT, RUNNING, REBOOTING, RUNNING, RUNNING"})
    void powerActionsReachTheirState(JobKind kind, VmState.Power before, ServerStatus during, VmState.Power after,
            ServerStatus settled) {
        d.register(hv.taskPolls(1));
        UUID server = d.lifecycle.add(during, "pve", "pve1", "100");
        hv.addVm("pve1", "100", server.toString(), "web-0", before);
        UUID job = d.enqueue(kind, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(d.store.steps(job)).extracting(JobStep::name).containsExactly("power", "verify", "settle");
        assertThat(hv.vm("100").orElseThrow().power).isEqualTo(after);
        assertThat(d.lifecycle.status(server)).isEqualTo(settled);
        assertThat(hv.calls("power")).isEqualTo(1);
    }

    @Test
    void startingARunningVmChangesNothing() {
        d.register(hv);
        UUID server = d.lifecycle.add(ServerStatus.STARTING, "pve", "pve1", "100");
        hv.addVm("pve1", "100", server.toString(), "web-0", VmState.Power.RUNNING);
        UUID job = d.enqueue(JobKind.START, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.step(job, "power").orElseThrow().outcome()).isEqualTo("nothing to do");
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);
    }

    @Test
    void aFailedActionSettlesToTheStateTheHypervisorReports() {
        d.register(hv.failTasks("shutdown", "VM quit/powerdown failed - got timeout"));
        UUID server = d.lifecycle.add(ServerStatus.STOPPING, "pve", "pve1", "100");
        hv.addVm("pve1", "100", server.toString(), "web-0", VmState.Power.RUNNING);
        UUID job = d.enqueue(JobKind.SHUTDOWN, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.FAILED);
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);
        assertThat(d.lifecycle.settled).containsExactly(
                "running: shutdown failed: power task failed: VM quit/powerdown failed - got timeout");
    }

    @Test
    void aVanishedVmFailsTheServer() {
        d.register(hv);
        UUID server = d.lifecycle.add(ServerStatus.STARTING, "pve", "pve1", "100");
        UUID job = d.enqueue(JobKind.START, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.FAILED);
        assertThat(d.lifecycle.settled.get(0)).startsWith("failed: VM pve1/100 vanished from pve");
    }

    @Test
    void aServerWithoutVmCannotBePowered() {
        d.register(hv);
        UUID server = d.lifecycle.add(ServerStatus.STARTING, "pve");
        UUID job = d.enqueue(JobKind.START, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).lastError()).isEqualTo("the server has no VM");
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.FAILED);
    }
}
