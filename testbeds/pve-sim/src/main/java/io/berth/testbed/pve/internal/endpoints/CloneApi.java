package io.berth.testbed.pve.internal.endpoints;

import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.api.Params;
import io.berth.testbed.pve.internal.cluster.StorageDefinition;
import io.berth.testbed.pve.internal.qemu.NetDevice;
import io.berth.testbed.pve.internal.qemu.TemplateSeeder;
import io.berth.testbed.pve.internal.qemu.VmLookup;
import io.berth.testbed.pve.internal.task.Task;
import io.berth.testbed.pve.internal.task.TaskContext;
import io.berth.testbed.pve.internal.vm.Drive;
import io.berth.testbed.pve.internal.vm.LockHandle;
import io.berth.testbed.pve.internal.vm.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /nodes/{node}/qemu/{vmid}/clone}, following {@code clone_vm} of qemu-server:
 * early checks answer synchronously (HTTP 500); then a {@code qmclone} task takes the source
 * lock (shared for a stopped source, exclusive for a running one) and the new VMID's lock, both
 * with a short timeout, checks again, writes the new config with {@code lock: clone}, copies the
 * disks (allocations queue on the target storage's lock) and finally drops the lock. Errors
 * during the copy remove the half-made VM and end the task with {@code clone failed: …}.
 */
final class CloneApi {

    private static final Pattern SKIPPED = Pattern.compile("^(template|parent|snaptime|vmstate|snapstate|lock|unused\\d+)$");
    private static final Pattern NET_KEY = Pattern.compile("^net\\d+$");

    private final SimContext ctx;
    private final VmLookup lookup;
    private final TaskStarter starter;

    CloneApi(SimContext ctx, VmLookup lookup, TaskStarter starter) {
        this.ctx = ctx;
        this.lookup = lookup;
        this.starter = starter;
    }

    /**
     * What a clone request asks for.
     *
     * @param node     the source node (where the call is handled)
     * @param vmid     the source VM
     * @param newid    the new VM
     * @param target   the target node, or null for the source node
     * @param storage  the target storage of a full clone, or null for the source storages
     * @param full     the {@code full} parameter, or null for "full unless the source is a template"
     * @param format   the {@code format} parameter, or null
     * @param pool     the {@code pool} parameter, or null
     * @param snapname the {@code snapname} parameter, or null
     * @param name     the new VM's name, or null
     * @param description the new VM's description, or null
     */
    private record Request(String node, int vmid, int newid, String target, String storage, Boolean full,
                           String format, String pool, String snapname, String name, String description) {
    }

    /** The outcome of the checks: what to copy and how. */
    private record Plan(Vm source, boolean full, boolean running, Map<String, String> sourceConfig,
                        List<String> driveKeys) {
    }

    ApiResult clone(ApiCall call) throws InterruptedException {
        Params p = call.params();
        String node = p.required("node");
        String target = p.string("target").filter(t -> !t.equals(node) && !t.equals("localhost")).orElse(null);
        Request req = new Request(node, p.integer("vmid"), p.integer("newid"), target,
                p.string("storage").orElse(null), p.optionalBool("full").orElse(null), p.string("format").orElse(null),
                p.string("pool").orElse(null), p.string("snapname").orElse(null), p.string("name").orElse(null),
                p.string("description").orElse(null));
        check(req);
        ctx.clones().accepted(req.newid());
        // the answer comes once the worker holds the locks and created the new config, so sequential
        // callers see it (PVE's worker usually has by the time the client sees the UPID)
        Task task = starter.startLocked(node, "qmclone", Integer.toString(req.vmid()), call,
                (c, created) -> run(req, c, created));
        return TaskStarter.upid(task);
    }

    /** {@code $load_and_check}: the checks made before forking and again inside the worker. */
    private Plan check(Request req) {
        if (req.pool() != null) {
            throw PveError.of("pool '" + req.pool() + "' does not exist");
        }
        if (req.target() != null && ctx.cluster().node(req.target()).isEmpty()) {
            throw PveError.of("no such cluster node '" + req.target() + "'");
        }
        if (req.storage() != null) {
            StorageDefinition s = storage(req.storage());
            if (req.target() != null && !s.shared()) {
                throw PveError.of("can't clone to non-shared storage '" + req.storage() + "'");
            }
        }
        Vm source = lookup.load(req.node(), req.vmid());
        VmLookup.checkLock(source);
        boolean running = source.running();
        if (req.snapname() != null) {
            throw PveError.of("snapshot '" + req.snapname() + "' does not exist");
        }
        boolean full = req.full() != null ? req.full() : !source.isTemplate();
        if (req.storage() != null && !full) {
            throw PveError.of("parameter 'storage' not allowed for linked clones");
        }
        if (req.format() != null && !full) {
            throw PveError.of("parameter 'format' not allowed for linked clones");
        }
        Map<String, String> conf = source.config();
        boolean sharedVm = true;
        List<String> drives = new ArrayList<>();
        for (String key : source.driveKeys()) {
            String value = conf.get(key);
            if (value == null) {
                continue;
            }
            Drive d = Drive.parse(value);
            if (d.file().equals("none") || d.file().equals("cdrom")) {
                continue;
            }
            String sid = d.storage().orElse(null);
            if (sid == null || !ctx.cluster().storage(sid).map(StorageDefinition::shared).orElse(false)) {
                sharedVm = false;
            }
            if (d.isCdrom() && !d.isCloudInit()) {
                continue;
            }
            if (!full && !d.isCloudInit() && !source.isTemplate()) {
                throw PveError.of("Linked clone feature is not supported for drive '" + key + "'");
            }
            drives.add(key);
        }
        if (req.target() != null && !sharedVm) {
            throw PveError.of("can't clone VM to node '" + req.target() + "' (VM uses local storage)");
        }
        if (ctx.vms().get(req.newid()).filter(vm -> vm.node().equals(req.node())).isPresent()) {
            throw PveError.of("unable to create VM " + req.newid() + ": config file already exists");
        }
        return new Plan(source, full, running, conf, drives);
    }

    private void run(Request req, TaskContext task, Runnable created) throws InterruptedException {
        Duration lockTimeout = ctx.latencies().cloneLockTimeout();
        boolean running = ctx.vms().get(req.vmid()).map(Vm::running).orElse(false);
        try (LockHandle src = running ? ctx.configLocks().exclusive(req.vmid(), lockTimeout)
                : ctx.configLocks().shared(req.vmid(), lockTimeout);
             LockHandle dst = ctx.configLocks().exclusive(req.newid(), lockTimeout)) {
            Plan plan = check(req);
            long generation = ctx.vms().generation();
            if (ctx.vms().exists(req.newid())) {
                throw PveError.of(existsElsewhere(req));
            }
            Vm placeholder = new Vm(req.newid(), req.node(), Map.of("lock", "clone"), true);
            if (!ctx.vms().add(placeholder, generation)) {
                throw PveError.of(existsElsewhere(req));
            }
            created.run();
            copy(req, plan, placeholder, task);
        }
    }

    private static String existsElsewhere(Request req) {
        return "close (rename) atomic file '/etc/pve/nodes/" + req.node() + "/qemu-server/" + req.newid()
                + ".conf' failed: File exists";
    }

    private void copy(Request req, Plan plan, Vm placeholder, TaskContext task) throws InterruptedException {
        List<Runnable> undo = new ArrayList<>();
        undo.add(() -> ctx.vms().remove(placeholder));
        Map<String, String> newDrives = new LinkedHashMap<>();
        long copiedBytes = 0;
        try {
            if (!plan.source().pending().isEmpty()) {
                task.warn("found pending changes for '" + String.join(",", plan.source().pending().keySet())
                        + "', discarding for clone");
            }
            int diskIndex = 0;
            for (String key : plan.driveKeys()) {
                Drive d = Drive.parse(plan.sourceConfig().get(key));
                boolean fullCopy = plan.full() || d.isCloudInit();
                String srcSid = d.storage().orElseThrow();
                if (!fullCopy) {
                    task.log("create linked clone of drive " + key + " (" + d.file() + ")");
                    newDrives.put(key, d.withFile(d.file() + "/vm-" + req.newid() + "-disk-" + diskIndex++).print());
                    continue;
                }
                task.log("create full clone of drive " + key + " (" + d.file() + ")");
                StorageDefinition targetStorage = storage(req.storage() != null ? req.storage() : srcSid);
                String diskNode = req.target() != null ? req.target() : req.node();
                Duration hold = ctx.faults().storageLockHold(targetStorage.shared()
                        ? ctx.latencies().sharedStorageLockHold() : ctx.latencies().localStorageLockHold());
                ctx.storageLocks().allocate(targetStorage, diskNode, hold, ctx.latencies().storageLockTimeout());
                String volname = d.isCloudInit() ? "vm-" + req.newid() + "-cloudinit" : "vm-" + req.newid() + "-disk-" + diskIndex++;
                long size = d.isCloudInit() ? 4L * 1024 * 1024 : d.sizeBytes();
                ctx.cluster().usage().allocate(targetStorage, diskNode, size);
                undo.add(() -> ctx.cluster().usage().free(targetStorage, diskNode, size));
                newDrives.put(key, d.withFile(targetStorage.id() + ":" + volname).print());
                if (!d.isCloudInit()) {
                    copiedBytes += size;
                    task.log("transferred 0.0 B of " + Sizes.human(size) + " (0.00%)");
                }
            }
            task.work(plan.full() ? ctx.latencies().cloneFull() : ctx.latencies().cloneLinked());
        } catch (PveError e) {
            undo.forEach(Runnable::run);
            throw PveError.of("clone failed: " + e.getMessage());
        } catch (InterruptedException | RuntimeException e) {
            undo.forEach(Runnable::run);
            throw e;
        }
        if (task.injectedFailure()) {
            undo.forEach(Runnable::run);
            throw PveError.of(task.failureMessage(
                    "clone failed: copy failed: command '/usr/bin/qemu-img convert -p -n -f raw -O raw' failed: exit code 1"));
        }
        if (copiedBytes > 0) {
            task.log("transferred " + Sizes.human(copiedBytes) + " of " + Sizes.human(copiedBytes) + " (100.00%)");
        }
        placeholder.replaceConfig(newConfig(req, plan, newDrives));
        if (req.target() != null) {
            placeholder.moveTo(req.target());
        }
    }

    private Map<String, String> newConfig(Request req, Plan plan, Map<String, String> newDrives) {
        Map<String, String> conf = new LinkedHashMap<>();
        plan.sourceConfig().forEach((k, v) -> {
            if (SKIPPED.matcher(k).matches()) {
                return;
            }
            if (NET_KEY.matcher(k).matches()) {
                conf.put(k, NetDevice.withMac(v, ctx.macs().next()));
            } else if (newDrives.containsKey(k)) {
                conf.put(k, newDrives.get(k));
            } else if (k.equals("smbios1")) {
                conf.put(k, v.replaceFirst("uuid=[0-9a-fA-F-]+", "uuid=" + TemplateSeeder.uuid(ctx.random())));
            } else if (k.equals("vmgenid")) {
                conf.put(k, TemplateSeeder.uuid(ctx.random()));
            } else {
                conf.put(k, v);
            }
        });
        String sourceName = plan.sourceConfig().getOrDefault("name", Integer.toString(req.vmid()));
        conf.put("name", req.name() != null ? req.name() : "Copy-of-VM-" + sourceName);
        if (req.description() != null) {
            conf.put("description", req.description());
        }
        return conf;
    }

    private StorageDefinition storage(String id) {
        return ctx.cluster().storage(id).orElseThrow(() -> PveError.of("storage '" + id + "' does not exist"));
    }
}
