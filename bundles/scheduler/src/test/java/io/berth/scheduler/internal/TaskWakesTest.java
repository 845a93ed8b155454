package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.VmSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskWakesTest {

    private final FakeHypervisor hv = new FakeHypervisor("pve").watchTasks().taskPolls(5);
    private final List<UUID> broughtForward = new ArrayList<>();
    private final TaskWakes wakes = new TaskWakes(Runnable::run);
    private final UUID job = UUID.randomUUID();
    private TaskHandle task;

    @BeforeEach
    void startATask() throws Exception {
        wakes.target(broughtForward::add);
        VmSpec spec = new VmSpec("srv", "web", "pve1/9000", true, 1, 1024, 10, null, "berth", List.of());
        task = hv.clone(hv.place(spec, List.of()), spec);
    }

    @Test
    void aNoticeBetweenRunsBringsTheJobForwardAtOnce() {
        assertThat(wakes.watch(hv, job, task)).isTrue();

        hv.endWatchedTasks();

        assertThat(broughtForward).containsExactly(job);
    }

    @Test
    void aNoticeDuringARunWaitsForItsRescheduleAndIsNotLost() {
        wakes.runStarts(job);
        assertThat(wakes.watch(hv, job, task)).isTrue();

        hv.endWatchedTasks();
        assertThat(broughtForward).as("the run's own reschedule is not written yet").isEmpty();

        wakes.runEnded(job, false);
        assertThat(broughtForward).containsExactly(job);
        wakes.runStarts(job);
        wakes.runEnded(job, false);
        assertThat(broughtForward).as("told once").containsExactly(job);
    }

    @Test
    void aFinishedJobIsNotBroughtForward() {
        wakes.runStarts(job);
        wakes.watch(hv, job, task);
        hv.endWatchedTasks();

        wakes.runEnded(job, true);

        assertThat(broughtForward).isEmpty();
    }

    @Test
    void aHypervisorThatDoesNotWatchSaysSo() {
        FakeHypervisor plain = new FakeHypervisor("plain");

        assertThat(wakes.watch(plain, job, task)).isFalse();
    }
}
