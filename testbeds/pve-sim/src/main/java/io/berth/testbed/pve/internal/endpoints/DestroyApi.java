package io.berth.testbed.pve.internal.endpoints;

import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.api.Params;
import io.berth.testbed.pve.internal.cluster.StorageDefinition;
import io.berth.testbed.pve.internal.qemu.VmLookup;
import io.berth.testbed.pve.internal.task.Task;
import io.berth.testbed.pve.internal.task.TaskContext;
import io.berth.testbed.pve.internal.vm.Drive;
import io.berth.testbed.pve.internal.vm.LockHandle;
import io.berth.testbed.pve.internal.vm.Vm;
import java.util.Optional;

/**
 * {@code DELETE /nodes/{node}/qemu/{vmid}}: refused while the VM runs, is locked or protected;
 * otherwise a {@code qmdestroy} task frees its volumes and removes it.
 */
final class DestroyApi {

    private final SimContext ctx;
    private final VmLookup lookup;
    private final TaskStarter starter;

    DestroyApi(SimContext ctx, VmLookup lookup, TaskStarter starter) {
        this.ctx = ctx;
        this.lookup = lookup;
        this.starter = starter;
    }

    ApiResult destroy(ApiCall call) {
        Params p = call.params();
        String node = p.required("node");
        int vmid = p.integer("vmid");
        boolean skiplock = p.bool("skiplock", false);
        boolean purge = p.bool("purge", false);
        check(lookup.load(node, vmid), skiplock);
        Task task = starter.start(node, "qmdestroy", Integer.toString(vmid), call, c -> {
            try (LockHandle lock = ctx.configLocks().exclusive(vmid, ctx.latencies().lockTimeout())) {
                Vm vm = lookup.load(node, vmid);
                check(vm, skiplock);
                run(c, vm, purge);
            }
        });
        return TaskStarter.upid(task);
    }

    private static void check(Vm vm, boolean skiplock) {
        if (!skiplock) {
            VmLookup.checkLock(vm);
        }
        if (vm.running()) {
            throw PveError.of("VM " + vm.vmid() + " is running - destroy failed");
        }
        if ("1".equals(vm.config().get("protection"))) {
            throw PveError.of("can't remove VM " + vm.vmid() + " - protection mode enabled");
        }
    }

    private void run(TaskContext task, Vm vm, boolean purge) throws InterruptedException {
        task.work(ctx.latencies().destroy());
        task.failIfInjected("lvremove 'pve/vm-" + vm.vmid() + "-disk-0' error:   Logical volume pve/vm-" + vm.vmid()
                + "-disk-0 in use.");
        for (var entry : vm.effectiveConfig().entrySet()) {
            String key = entry.getKey();
            if (!Drive.isDriveKey(key) && !key.matches("unused\\d+")) {
                continue;
            }
            Drive d = Drive.parse(entry.getValue());
            Optional<StorageDefinition> storage = d.storage().flatMap(ctx.cluster()::storage);
            if (storage.isEmpty() || (d.isCdrom() && !d.isCloudInit())) {
                continue;
            }
            String volname = d.volname();
            if (volname.contains("/")) {
                free(task, storage.get(), vm, d, volname.substring(volname.indexOf('/') + 1));
            } else if (volname.startsWith("vm-" + vm.vmid() + "-") || volname.startsWith("base-" + vm.vmid() + "-")) {
                free(task, storage.get(), vm, d, volname);
            }
        }
        if (purge) {
            task.log("purging VM " + vm.vmid() + " from related configurations..");
        }
        ctx.vms().remove(vm);
    }

    private void free(TaskContext task, StorageDefinition storage, Vm vm, Drive d, String volname) {
        long size = d.isCloudInit() ? 4L * 1024 * 1024 : d.sizeBytes();
        boolean linked = d.volname().contains("/");
        if (!linked) {
            ctx.cluster().usage().free(storage, vm.node(), size);
        }
        if (storage.type().equals("lvmthin")) {
            task.log("  Logical volume \"" + volname + "\" successfully removed.");
        } else {
            task.log("Removing image: 100% complete...done.");
        }
    }
}
