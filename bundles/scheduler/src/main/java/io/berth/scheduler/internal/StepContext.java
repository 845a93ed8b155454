package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.job.Job;
import io.berth.api.job.JobStep;
import io.berth.api.job.JobStore;
import io.berth.api.server.ServerLifecycle;
import io.berth.api.server.ServerTarget;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a step sees of the job it belongs to, for one execution: the job, its recorded steps, the
 * server, the hypervisor, and how to record the step's external handle.
 */
final class StepContext {

    /** Job parameter naming the user cloud-init creates. */
    static final String CLOUD_INIT_USER = "cloud_init_user";

    private final Job job;
    private final Map<Integer, JobStep> records;
    private final JobStore store;
    private final ServerLifecycle lifecycle;
    private final Hypervisors hypervisors;
    private final Settings settings;
    private final Clock clock;
    private final Pacing pacing;
    private final TaskWakes taskWakes;
    private ServerTarget target;
    private int no;
    private Step step;
    private String abortReason;

    StepContext(Job job, Map<Integer, JobStep> records, JobStore store, ServerLifecycle lifecycle,
            Hypervisors hypervisors, Settings settings, Clock clock, Pacing pacing, TaskWakes taskWakes) {
        this.job = job;
        this.records = records;
        this.store = store;
        this.lifecycle = lifecycle;
        this.hypervisors = hypervisors;
        this.settings = settings;
        this.clock = clock;
        this.pacing = pacing;
        this.taskWakes = taskWakes;
    }

    void at(int stepNo, Step current, String abort) {
        this.no = stepNo;
        this.step = current;
        this.abortReason = abort;
    }

    Job job() {
        return job;
    }

    UUID jobId() {
        return job.id();
    }

    UUID serverId() {
        if (job.serverId() == null) {
            throw new StepFailedException("the job names no server");
        }
        return job.serverId();
    }

    Settings settings() {
        return settings;
    }

    /** When to look again at a task or the guest (learned in this runtime). */
    Pacing pacing() {
        return pacing;
    }

    /** Asks the hypervisor to tell when the task ends, which brings this job forward; whether it will. */
    boolean watch(Hypervisor hv, TaskHandle handle) {
        return taskWakes.watch(hv, job.id(), handle);
    }

    ServerLifecycle lifecycle() {
        return lifecycle;
    }

    Instant now() {
        return clock.instant();
    }

    /** Why the job is failing, while it cleans up; {@code null} while it goes forward. */
    String abortReason() {
        return abortReason;
    }

    ServerTarget target() {
        if (target == null) {
            target = lifecycle.target(serverId());
        }
        return target;
    }

    ServerTarget reloadTarget() {
        target = null;
        return target();
    }

    /**
     * Records the server's placement with core and in the target this run holds, which the write
     * changes in nothing else (no second read of the server for it).
     */
    void placed(VmRef vm) {
        lifecycle.placed(serverId(), vm.node(), vm.vmId());
        target = target().withPlacement(vm.node(), vm.vmId());
    }

    /** The server's hypervisor, or {@link HypervisorAbsentException} while it is not registered. */
    Hypervisor hypervisor() {
        String id = target().hypervisorId();
        if (id == null || id.isBlank()) {
            throw new StepFailedException("the server has no hypervisor");
        }
        return hypervisors.find(id).orElseThrow(() -> new HypervisorAbsentException(id));
    }

    /** The server's VM: as the place step stored it, else as the server row says; empty before placement. */
    Optional<VmRef> vm() {
        Optional<JobStep> place = step(PlaceStep.NAME).filter(r -> r.handle() != null);
        if (place.isPresent()) {
            return Optional.of(Placements.vm(place.get().handle()));
        }
        ServerTarget t = target();
        return t.placed() ? Optional.of(new VmRef(t.node(), t.vmId())) : Optional.empty();
    }

    VmRef placedVm() {
        return vm().orElseThrow(() -> new StepFailedException("the server has no VM"));
    }

    VmSpec spec() {
        ServerTarget t = target();
        if (t.templateRef() == null) {
            throw new StepFailedException("the server has no template to clone");
        }
        VmSpec.NetworkConfig network = t.ipAddress() == null ? null
                : new VmSpec.NetworkConfig(t.ipAddress(), t.prefixLength(), t.gateway(), t.nameservers());
        String user = job.params().getOrDefault(CLOUD_INIT_USER, settings.cloudInitUser());
        return new VmSpec(t.serverId().toString(), t.name(), t.templateRef(), t.linkedClone(), t.cpuCores(),
                t.memoryMb(), t.diskGb(), network, user, t.sshKeys());
    }

    /** The current step's record (it exists: the runner records the start before running a step). */
    JobStep record() {
        return records.get(no);
    }

    /** A step of the forward path, by name. */
    Optional<JobStep> step(String name) {
        return records.entrySet().stream()
                .filter(e -> e.getKey() < JobRunner.ABORT_STEP && e.getValue().name().equals(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** Records the current step's external handle before waiting for it. */
    void started(String handle) {
        store.stepStarted(job.id(), no, step.name(), handle);
        records.put(no, new JobStep(no, step.name(), JobStep.Status.STARTED, handle, null));
    }

    /** Records a finished step of the forward path again, e.g. a new placement. */
    void rewrite(String name, String handle, String outcome) {
        Map.Entry<Integer, JobStep> entry = records.entrySet().stream()
                .filter(e -> e.getKey() < JobRunner.ABORT_STEP && e.getValue().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no step " + name));
        int stepNo = entry.getKey();
        store.stepDone(job.id(), stepNo, name, handle, outcome);
        records.put(stepNo, new JobStep(stepNo, name, JobStep.Status.DONE, handle, outcome));
    }
}
