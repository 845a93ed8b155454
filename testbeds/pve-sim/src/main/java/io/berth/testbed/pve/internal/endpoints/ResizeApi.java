package io.berth.testbed.pve.internal.endpoints;

import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.api.Params;
import io.berth.testbed.pve.internal.cluster.StorageDefinition;
import io.berth.testbed.pve.internal.qemu.ConfigDigest;
import io.berth.testbed.pve.internal.qemu.VmLookup;
import io.berth.testbed.pve.internal.task.Task;
import io.berth.testbed.pve.internal.task.TaskContext;
import io.berth.testbed.pve.internal.vm.Drive;
import io.berth.testbed.pve.internal.vm.LockHandle;
import io.berth.testbed.pve.internal.vm.SizeFormat;
import io.berth.testbed.pve.internal.vm.Vm;
import java.util.Locale;

/**
 * {@code PUT /nodes/{node}/qemu/{vmid}/resize}: a {@code resize} task (PVE 8 and later) that grows
 * a disk to an absolute size or by {@code +size}; shrinking fails the task with
 * {@code shrinking disks is not supported}. As with a clone, the answer comes once the worker holds
 * the VM's config lock ({@link TaskStarter#startLocked}).
 */
final class ResizeApi {

    private final SimContext ctx;
    private final VmLookup lookup;
    private final TaskStarter starter;

    ResizeApi(SimContext ctx, VmLookup lookup, TaskStarter starter) {
        this.ctx = ctx;
        this.lookup = lookup;
        this.starter = starter;
    }

    ApiResult resize(ApiCall call) throws InterruptedException {
        Params p = call.params();
        String node = p.required("node");
        int vmid = p.integer("vmid");
        String disk = p.required("disk");
        String sizeText = p.required("size");
        String digest = p.string("digest").orElse(null);
        boolean skiplock = p.bool("skiplock", false);
        lookup.load(node, vmid);
        Task task = starter.startLocked(node, "resize", Integer.toString(vmid), call,
                (c, locked) -> run(c, node, vmid, disk, sizeText, digest, skiplock, locked));
        return TaskStarter.upid(task);
    }

    private void run(TaskContext task, String node, int vmid, String disk, String sizeText, String digest,
                     boolean skiplock, Runnable locked) throws InterruptedException {
        try (LockHandle lock = ctx.configLocks().exclusive(vmid, ctx.latencies().lockTimeout())) {
            locked.run();
            Vm vm = lookup.load(node, vmid);
            if (digest != null && !digest.equals(ConfigDigest.of(vm.config(), vm.pending(), vm.pendingDelete()))) {
                throw PveError.of("detected modified configuration - file changed by other user? Try again.");
            }
            if (!skiplock) {
                VmLookup.checkLock(vm);
            }
            String value = vm.get(disk).orElseThrow(() -> PveError.of("disk '" + disk + "' does not exist"));
            Drive drive = Drive.parse(value);
            if (drive.isCdrom()) {
                throw PveError.of("you can't resize a cdrom");
            }
            StorageDefinition storage = drive.storage().flatMap(ctx.cluster()::storage)
                    .orElseThrow(() -> PveError.of("disk '" + disk + "' has no associated volume"));
            long size = drive.sizeBytes();
            boolean grow = sizeText.startsWith("+");
            long requested = SizeFormat.parse(grow ? sizeText.substring(1) : sizeText);
            long newSize = grow ? size + requested : requested;
            if (newSize < size) {
                throw PveError.of("shrinking disks is not supported");
            }
            if (newSize == size) {
                return;
            }
            task.work(ctx.latencies().resize());
            task.failIfInjected("VM " + vmid + " qmp command 'block_resize' failed - got timeout");
            if (storage.type().equals("lvmthin")) {
                task.log(String.format(Locale.ROOT, "  Size of logical volume pve/%s changed from %s to %s.",
                        drive.volname(), Sizes.human(size), Sizes.human(newSize)));
                task.log("  Logical volume pve/" + drive.volname() + " successfully resized.");
            } else {
                task.log("Resizing image: 100% complete...done.");
            }
            ctx.cluster().usage().allocate(storage, vm.node(), newSize - size);
            vm.set(disk, drive.withOption("size", SizeFormat.format(newSize)).print());
        }
    }
}
