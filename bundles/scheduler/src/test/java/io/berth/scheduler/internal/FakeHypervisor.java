package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.PowerAction;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.api.hypervisor.Template;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.api.provider.ProviderHealth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory cluster that behaves like the Proxmox provider where it matters to the workflows:
 * tasks that run for a number of polls, idempotent operations, a clone that answers the running task
 * (or a finished handle) for this server's VM and ALREADY_EXISTS for anyone else's, injected failures.
 * Thread-safe: two engines may share it as one cluster.
 */
final class FakeHypervisor implements Hypervisor {

    final class Vm {
        final VmRef ref;
        final String serverId;
        final String name;
        VmState.Power power = VmState.Power.STOPPED;
        boolean locked;
        int cores;
        int diskGb;
        boolean configured;
        String address;

        Vm(VmRef ref, String serverId, String name) {
            this.ref = ref;
            this.serverId = serverId;
            this.name = name;
        }
    }

    private final class Task {
        final String id;
        final String op;
        final Runnable onSuccess;
        int pollsLeft;
        boolean fail;
        String detail;
        Kind kind;
        Runnable onFailure = () -> {
        };

        Task(String id, String op, int polls, Runnable onSuccess) {
            this.id = id;
            this.op = op;
            this.pollsLeft = polls;
            this.onSuccess = onSuccess;
        }
    }

    private final String id;
    private final Map<String, Vm> vms = new HashMap<>();
    private final Map<String, Task> tasks = new HashMap<>();
    private final Map<String, Deque<ProviderException>> failures = new HashMap<>();
    private final Map<String, String> failTasks = new HashMap<>();
    private final Map<String, Deque<Kind>> failTaskKinds = new HashMap<>();
    private final Deque<String> suggestions = new ArrayDeque<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> clonesByServer = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicLong taskSeq = new AtomicLong();
    private int nextVmId = 100;
    private int taskPolls;
    private boolean agent = true;
    private volatile java.util.function.Consumer<String> afterClone = serverId -> {
    };
    private final Map<String, AtomicInteger> callsByServer = new ConcurrentHashMap<>();
    private volatile long callDelayMillis;
    private boolean watching;
    private final Map<String, Runnable> watchers = new HashMap<>();

    FakeHypervisor(String id) {
        this.id = id;
    }

    // ---- configuration ----

    /** Every task answers RUNNING that many times before it ends. */
    synchronized FakeHypervisor taskPolls(int polls) {
        this.taskPolls = polls;
        return this;
    }

    /** Watches tasks ({@link #watch}); {@link #endWatchedTasks()} ends them and tells. */
    synchronized FakeHypervisor watchTasks() {
        this.watching = true;
        return this;
    }

    /** Ends every watched task now (its next poll answers done) and runs the notices. */
    void endWatchedTasks() {
        List<Runnable> notices;
        synchronized (this) {
            watchers.keySet().forEach(id -> tasks.get(id).pollsLeft = 0);
            notices = List.copyOf(watchers.values());
            watchers.clear();
        }
        notices.forEach(Runnable::run);
    }

    synchronized FakeHypervisor noAgent() {
        this.agent = false;
        return this;
    }

    /** The guest agents answer again. */
    synchronized FakeHypervisor agentAnswers() {
        this.agent = true;
        return this;
    }

    /** The next calls of that operation throw these, one each. */
    synchronized FakeHypervisor failNext(String op, ProviderException... errors) {
        Deque<ProviderException> q = failures.computeIfAbsent(op, k -> new ArrayDeque<>());
        for (ProviderException e : errors) {
            q.add(e);
        }
        return this;
    }

    /** Tasks of that operation end FAILED with that detail. */
    synchronized FakeHypervisor failTasks(String op, String detail) {
        failTasks.put(op, detail);
        return this;
    }

    /** The next {@code kinds.length} tasks of that operation end FAILED with these kinds, one each. */
    synchronized FakeHypervisor failTasks(String op, Kind... kinds) {
        failTaskKinds.computeIfAbsent(op, k -> new ArrayDeque<>()).addAll(List.of(kinds));
        return this;
    }

    /** place() suggests these VM ids first (like /cluster/nextid racing with someone else). */
    synchronized FakeHypervisor suggest(String... vmIds) {
        suggestions.addAll(List.of(vmIds));
        return this;
    }

    /** Runs (with the server id) after a clone call and before its handle is returned. */
    FakeHypervisor afterClone(java.util.function.Consumer<String> hook) {
        this.afterClone = hook;
        return this;
    }

    /** Each call takes that long (outside the lock), to make overlapping calls visible. */
    FakeHypervisor callDelay(long millis) {
        this.callDelayMillis = millis;
        return this;
    }

    synchronized Vm addVm(String node, String vmId, String serverId, String name, VmState.Power power) {
        Vm vm = new Vm(new VmRef(node, vmId), serverId, name);
        vm.power = power;
        vms.put(vmId, vm);
        return vm;
    }

    synchronized Optional<Vm> vm(String vmId) {
        return Optional.ofNullable(vms.get(vmId));
    }

    synchronized void setPower(String vmId, VmState.Power power) {
        vms.get(vmId).power = power;
    }

    synchronized void remove(String vmId) {
        vms.remove(vmId);
    }

    synchronized void forgetTasks() {
        tasks.clear();
    }

    int calls(String op) {
        AtomicInteger n = calls.get(op);
        return n == null ? 0 : n.get();
    }

    /** Calls of that operation made for that server. */
    int calls(String serverId, String op) {
        AtomicInteger n = callsByServer.get(serverId + ":" + op);
        return n == null ? 0 : n.get();
    }

    int clonesMade(String serverId) {
        AtomicInteger n = clonesByServer.get(serverId);
        return n == null ? 0 : n.get();
    }

    Map<String, Integer> clonesMade() {
        Map<String, Integer> copy = new HashMap<>();
        clonesByServer.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Calls for one server that ran while another call for it was running. */
    int overlaps() {
        return overlaps.get();
    }

    synchronized int vmCount() {
        return vms.size();
    }

    // ---- Hypervisor ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderHealth health() {
        return ProviderHealth.up("fake");
    }

    @Override
    public List<Template> templates() {
        return List.of(new Template("pve1/9000", "debian-12", "debian", 10));
    }

    @Override
    public Placement place(VmSpec spec, List<String> avoid) throws ProviderException {
        return call("place", spec.serverId(), () -> {
            synchronized (this) {
                while (!suggestions.isEmpty()) {
                    String s = suggestions.poll();
                    if (!avoid.contains(s)) {
                        return new Placement(new VmRef("pve1", s), "local-lvm");
                    }
                }
                while (vms.containsKey(String.valueOf(nextVmId)) || avoid.contains(String.valueOf(nextVmId))) {
                    nextVmId++;
                }
                return new Placement(new VmRef("pve1", String.valueOf(nextVmId++)), "local-lvm");
            }
        });
    }

    @Override
    public TaskHandle clone(Placement placement, VmSpec spec) throws ProviderException {
        TaskHandle handle = call("clone", spec.serverId(), () -> {
            synchronized (this) {
                Vm existing = vms.get(placement.vm().vmId());
                if (existing != null) {
                    if (!spec.serverId().equals(existing.serverId)) {
                        throw new ProviderException(Kind.ALREADY_EXISTS, "VM id " + placement.vm().vmId() + " is taken");
                    }
                    for (Task t : tasks.values()) {
                        if (t.op.equals("clone:" + existing.ref.vmId()) && t.pollsLeft > 0) {
                            return new TaskHandle(existing.ref.node(), t.id);
                        }
                    }
                    return task("clone:" + existing.ref.vmId(), 0, () -> {
                    });
                }
                Vm vm = new Vm(placement.vm(), spec.serverId(), spec.name());
                vm.locked = true;
                vm.address = spec.network() == null ? null : spec.network().address();
                vms.put(vm.ref.vmId(), vm);
                clonesByServer.computeIfAbsent(spec.serverId(), k -> new AtomicInteger()).incrementAndGet();
                TaskHandle h = task("clone:" + vm.ref.vmId(), taskPolls, () -> vm.locked = false);
                Task t = tasks.get(h.id());
                if (t.kind == Kind.ALREADY_EXISTS) {
                    // someone else's VM took the id while the copy started: theirs stays, ours never was
                    t.onFailure = () -> vms.put(vm.ref.vmId(), new Vm(vm.ref, "someone-else", "other"));
                } else if (t.fail) {
                    // a failed clone leaves nothing behind (Proxmox removes the half-made VM)
                    t.onFailure = () -> vms.remove(vm.ref.vmId(), vm);
                }
                return h;
            }
        });
        afterClone.accept(spec.serverId());
        return handle;
    }

    @Override
    public TaskStatus task(TaskHandle handle) throws ProviderException {
        return call("task", null, () -> {
            synchronized (this) {
                Task t = tasks.get(handle.id());
                if (t == null) {
                    throw new ProviderException(Kind.NOT_FOUND, "no task " + handle.id());
                }
                if (t.pollsLeft > 0) {
                    t.pollsLeft--;
                    return TaskStatus.running();
                }
                if (t.fail) {
                    t.onFailure.run();
                    return TaskStatus.failed(t.detail, t.kind);
                }
                t.onSuccess.run();
                return new TaskStatus(TaskStatus.State.SUCCEEDED, "OK");
            }
        });
    }

    @Override
    public synchronized boolean watch(TaskHandle handle, Runnable whenEnded) {
        calls.computeIfAbsent("watch", k -> new AtomicInteger()).incrementAndGet();
        if (watching && tasks.containsKey(handle.id())) {
            watchers.put(handle.id(), whenEnded);
        }
        return watching;
    }

    @Override
    public Optional<TaskHandle> configure(VmRef vm, VmSpec spec) throws ProviderException {
        return call("configure", spec.serverId(), () -> {
            synchronized (this) {
                Vm v = existing(vm);
                if (v.locked) {
                    throw new ProviderException(Kind.LOCKED, "VM " + vm + " is locked");
                }
                if (v.configured && v.cores == spec.cpuCores()) {
                    return Optional.empty();
                }
                return Optional.of(task("configure:" + vm.vmId(), taskPolls, () -> {
                    v.configured = true;
                    v.cores = spec.cpuCores();
                }));
            }
        });
    }

    @Override
    public Optional<TaskHandle> resizeDisk(VmRef vm, VmSpec spec) throws ProviderException {
        return call("resize", spec.serverId(), () -> {
            synchronized (this) {
                Vm v = existing(vm);
                if (v.diskGb >= spec.diskGb()) {
                    return Optional.empty();
                }
                return Optional.of(task("resize:" + vm.vmId(), taskPolls, () -> v.diskGb = spec.diskGb()));
            }
        });
    }

    @Override
    public Optional<TaskHandle> power(VmRef vm, PowerAction action) throws ProviderException {
        return call("power", serverOf(vm), () -> {
            synchronized (this) {
                Vm v = existing(vm);
                VmState.Power to = action == PowerAction.START || action == PowerAction.REBOOT ? VmState.Power.RUNNING
                        : VmState.Power.STOPPED;
                if (action != PowerAction.REBOOT && v.power == to) {
                    return Optional.empty();
                }
                if (action == PowerAction.REBOOT && v.power != VmState.Power.RUNNING) {
                    throw new ProviderException(Kind.INVALID, "VM " + vm + " is not running");
                }
                return Optional.of(task(action.name().toLowerCase() + ":" + vm.vmId(), taskPolls, () -> v.power = to));
            }
        });
    }

    @Override
    public VmState state(VmRef vm) throws ProviderException {
        return call("state", serverOf(vm), () -> {
            synchronized (this) {
                Vm v = vms.get(vm.vmId());
                return v == null ? VmState.absent(vm) : new VmState(v.ref, v.power, v.locked, v.name, v.serverId);
            }
        });
    }

    @Override
    public Optional<String> guestAddress(VmRef vm) throws ProviderException {
        return call("guestAddress", serverOf(vm), () -> {
            synchronized (this) {
                Vm v = existing(vm);
                return agent && v.power == VmState.Power.RUNNING ? Optional.ofNullable(v.address)
                        : Optional.empty();
            }
        });
    }

    @Override
    public Optional<TaskHandle> delete(VmRef vm) throws ProviderException {
        return call("delete", serverOf(vm), () -> {
            synchronized (this) {
                Vm v = vms.get(vm.vmId());
                if (v == null) {
                    return Optional.empty();
                }
                return Optional.of(task("delete:" + vm.vmId(), taskPolls, () -> vms.remove(vm.vmId())));
            }
        });
    }

    @Override
    public List<VmState> list() throws ProviderException {
        return call("list", null, () -> {
            synchronized (this) {
                List<VmState> all = new ArrayList<>();
                for (Vm v : vms.values()) {
                    if (v.serverId != null) {
                        all.add(new VmState(v.ref, v.power, v.locked, v.name, v.serverId));
                    }
                }
                return all;
            }
        });
    }

    // ---- internals ----

    @FunctionalInterface
    private interface Call<T> {
        T run() throws ProviderException;
    }

    private <T> T call(String op, String serverId, Call<T> body) throws ProviderException {
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        if (serverId != null) {
            callsByServer.computeIfAbsent(serverId + ":" + op, k -> new AtomicInteger()).incrementAndGet();
        }
        synchronized (this) {
            Deque<ProviderException> q = failures.get(op);
            if (q != null && !q.isEmpty()) {
                throw q.poll();
            }
        }
        AtomicInteger running = serverId == null ? null : busy.computeIfAbsent(serverId, k -> new AtomicInteger());
        if (running != null && running.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            if (callDelayMillis > 0) {
                try {
                    Thread.sleep(callDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProviderException(Kind.TRANSIENT, "interrupted");
                }
            }
            return body.run();
        } finally {
            if (running != null) {
                running.decrementAndGet();
            }
        }
    }

    private synchronized String serverOf(VmRef vm) {
        Vm v = vms.get(vm.vmId());
        return v == null ? null : v.serverId;
    }

    private Vm existing(VmRef vm) throws ProviderException {
        Vm v = vms.get(vm.vmId());
        if (v == null) {
            throw new ProviderException(Kind.NOT_FOUND, "no VM " + vm);
        }
        return v;
    }

    private TaskHandle task(String op, int polls, Runnable onSuccess) {
        String taskId = "UPID:pve1:" + taskSeq.incrementAndGet() + ":" + op;
        Task t = new Task(taskId, op, polls, onSuccess);
        String name = op.substring(0, op.indexOf(':'));
        String failDetail = failTasks.get(name);
        Deque<Kind> kinds = failTaskKinds.get(name);
        if (kinds != null && !kinds.isEmpty()) {
            t.fail = true;
            t.kind = kinds.poll();
            t.detail = "injected " + t.kind.name().toLowerCase();
        } else if (failDetail != null) {
            t.fail = true;
            t.detail = failDetail;
        }
        tasks.put(taskId, t);
        return new TaskHandle("pve1", taskId);
    }
}
