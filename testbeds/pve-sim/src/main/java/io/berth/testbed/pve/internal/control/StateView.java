package io.berth.testbed.pve.internal.control;

import io.berth.testbed.pve.SimState;
import io.berth.testbed.pve.TaskView;
import io.berth.testbed.pve.VmView;
import io.berth.testbed.pve.internal.schema.Formats;
import io.berth.testbed.pve.internal.task.Task;
import io.berth.testbed.pve.internal.task.TaskRegistry;
import io.berth.testbed.pve.internal.vm.CloneLedger;
import io.berth.testbed.pve.internal.vm.Vm;
import io.berth.testbed.pve.internal.vm.VmStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** {@link SimState} over the live simulator. */
public final class StateView implements SimState {

    private final VmStore vms;
    private final CloneLedger clones;
    private final TaskRegistry tasks;
    private final LongSupplier requests;
    private final Supplier<Map<String, Long>> requestsByEndpoint;

    public StateView(VmStore vms, CloneLedger clones, TaskRegistry tasks, LongSupplier requests,
                     Supplier<Map<String, Long>> requestsByEndpoint) {
        this.vms = vms;
        this.clones = clones;
        this.tasks = tasks;
        this.requests = requests;
        this.requestsByEndpoint = requestsByEndpoint;
    }

    @Override
    public List<VmView> vms() {
        return vms.all().stream().map(StateView::view).toList();
    }

    @Override
    public Optional<VmView> vm(int vmid) {
        return vms.get(vmid).map(StateView::view);
    }

    @Override
    public int cloneRequests(int newid) {
        return clones.count(newid);
    }

    @Override
    public Map<Integer, Integer> cloneRequests() {
        return clones.all();
    }

    @Override
    public List<TaskView> tasks() {
        return tasks.all().stream().map(StateView::view).toList();
    }

    @Override
    public Optional<TaskView> task(String upid) {
        return tasks.find(upid).map(StateView::view);
    }

    @Override
    public long apiRequests() {
        return requests.getAsLong();
    }

    @Override
    public Map<String, Long> apiRequestsByEndpoint() {
        return requestsByEndpoint.get();
    }

    private static VmView view(Vm vm) {
        Map<String, String> config = vm.config();
        String tags = vm.effective("tags").orElse("");
        return new VmView(vm.vmid(), vm.node(), config.get("name"), vm.status(), vm.lock(), vm.isTemplate(),
                config, vm.pending(), Formats.splitList(tags));
    }

    private static TaskView view(Task t) {
        return new TaskView(t.upid().toString(), t.upid().node(), t.upid().type(), t.upid().id(), t.upid().user(),
                t.running(), t.exitStatus(), t.upid().startTime(), t.endTime(), t.lines());
    }
}
