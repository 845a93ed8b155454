package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.VmState;
import io.berth.api.job.JobKind;
import io.berth.api.job.JobStatus;
import io.berth.api.job.JobStep;
import io.berth.api.provider.ProviderException;
import io.berth.api.server.ServerStatus;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class TerminateWorkflowTest {

    private final Driver d = new Driver();
    private final FakeHypervisor hv = new FakeHypervisor("pve");

    @Test
    void aRunningVmIsStoppedDeletedAndTheServerTerminated() {
        d.register(hv.taskPolls(2));
        UUID server = d.lifecycle.add(ServerStatus.TERMINATING, "pve", "pve1", "100");
        hv.addVm("pve1", "100", server.toString(), "web-0", VmState.Power.RUNNING);
        UUID job = d.enqueue(JobKind.TERMINATE, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(d.store.steps(job)).extracting(JobStep::name).containsExactly("remove-exposures", "remove-dns",
                "remove-vpn-peer", "stop", "delete", "gone", "settle");
        assertThat(hv.vmCount()).isZero();
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.TERMINATED);
    }

    @Test
    void aServerThatNeverGotAVmIsTerminatedAtOnce() {
        d.register(hv);
        UUID server = d.lifecycle.add(ServerStatus.TERMINATING, "pve");
        UUID job = d.enqueue(JobKind.TERMINATE, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(hv.calls("delete")).isZero();
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.TERMINATED);
    }

    @Test
    void aVmAlreadyGoneIsFine() {
        d.register(hv);
        UUID server = d.lifecycle.add(ServerStatus.TERMINATING, "pve", "pve1", "100");
        UUID job = d.enqueue(JobKind.TERMINATE, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.step(job, "delete").orElseThrow().outcome()).isEqualTo("no VM pve1/100");
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.TERMINATED);
    }

    @Test
    void anotherServersVmIsLeftAlone() {
        d.register(hv);
        UUID server = d.lifecycle.add(ServerStatus.TERMINATING, "pve", "pve1", "100");
        hv.addVm("pve1", "100", UUID.randomUUID().toString(), "other", VmState.Power.RUNNING);
        UUID job = d.enqueue(JobKind.TERMINATE, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(hv.vm("100")).isPresent();
        assertThat(hv.vm("100").orElseThrow().power).isEqualTo(VmState.Power.RUNNING);
        assertThat(d.store.step(job, "delete").orElseThrow().outcome()).endsWith("left alone");
        assertThat(d.lifecycle.status(server)).isEqualTo(ServerStatus.TERMINATED);
    }

    @Test
    void anUnmarkedVmWithTheServersNameIsRemoved() {
        d.register(hv);
        UUID server = d.lifecycle.add(ServerStatus.TERMINATING, "pve", "pve1", "100");
        hv.addVm("pve1", "100", null, d.lifecycle.target(server).name(), VmState.Power.STOPPED);
        UUID job = d.enqueue(JobKind.TERMINATE, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(hv.vmCount()).isZero();
    }

    @Test
    void aDeletionThatKeepsFailingEndsFailedWithTheReason() {
        d.register(hv);
        UUID server = d.lifecycle.add(ServerStatus.TERMINATING, "pve", "pve1", "100");
        hv.addVm("pve1", "100", server.toString(), "web-0", VmState.Power.STOPPED);
        hv.failNext("delete", new ProviderException(ProviderException.Kind.PERMANENT, "storage gone"));
        UUID job = d.enqueue(JobKind.TERMINATE, server);

        assertThat(d.drive(job)).isTrue();

        assertThat(d.store.job(job).status()).isEqualTo(JobStatus.FAILED);
        assertThat(d.lifecycle.settled).containsExactly("failed: termination failed: permanent: storage gone");
    }
}
