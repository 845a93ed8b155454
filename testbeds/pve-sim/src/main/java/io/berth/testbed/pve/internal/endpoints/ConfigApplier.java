package io.berth.testbed.pve.internal.endpoints;

import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.cluster.StorageDefinition;
import io.berth.testbed.pve.internal.vm.Drive;
import io.berth.testbed.pve.internal.vm.Vm;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a {@link ConfigChange} to a VM the way qemu-server does: on a stopped VM at once; on a
 * running VM only what can be hot-plugged or changed on the fly (name, description, tags, NICs,
 * disks, …), the rest (cores, memory, cloud-init data, …) as pending changes until the next
 * stop, start or reboot. {@code storage:size} drive values allocate a new volume; deleting a
 * disk keeps its volume as {@code unusedN} unless {@code force}.
 */
final class ConfigApplier {

    private static final Set<String> FAST_PLUG = Set.of("name", "onboot", "shares", "startup", "description",
            "protection", "vmstatestorage", "hookscript", "tags", "lock");
    private static final Pattern NEW_DISK = Pattern.compile("^([^/:\\s]+):(\\d+(\\.\\d+)?)$");
    private static final long GIB = 1024L * 1024 * 1024;

    private final SimContext ctx;

    ConfigApplier(SimContext ctx) {
        this.ctx = ctx;
    }

    void apply(Vm vm, ConfigChange change, Consumer<String> warn) {
        boolean running = vm.running();
        for (String opt : change.reverts()) {
            vm.get(opt).ifPresentOrElse(current -> vm.setPending(opt, current), () -> vm.deletePending(opt));
        }
        for (String opt : change.deletes()) {
            if (vm.effective(opt).isEmpty() && !vm.pending().containsKey(opt)) {
                warn.accept("cannot delete '" + opt + "' - not set in current configuration!");
                continue;
            }
            if (!running || hotpluggable(opt)) {
                keepUnused(vm, opt, change.force());
                vm.remove(opt);
            } else {
                vm.deletePending(opt);
            }
        }
        for (Map.Entry<String, String> e : change.values().entrySet()) {
            String key = e.getKey();
            String value = Drive.isDriveKey(key) ? allocateIfNew(vm, e.getValue()) : e.getValue();
            if (!running || hotpluggable(key)) {
                vm.set(key, value);
            } else {
                vm.setPending(key, value);
            }
        }
    }

    private static boolean hotpluggable(String key) {
        return FAST_PLUG.contains(key) || key.matches("net\\d+") || Drive.isDriveKey(key);
    }

    private void keepUnused(Vm vm, String opt, boolean force) {
        if (!Drive.isDriveKey(opt) || force) {
            return;
        }
        vm.get(opt).map(Drive::parse).filter(d -> !d.isCdrom() && !d.isCloudInit() && d.storage().isPresent())
                .ifPresent(d -> {
                    int n = 0;
                    while (vm.get("unused" + n).isPresent()) {
                        n++;
                    }
                    vm.set("unused" + n, d.file());
                });
    }

    private String allocateIfNew(Vm vm, String value) {
        Drive d = Drive.parse(value);
        Matcher m = NEW_DISK.matcher(d.file());
        if (!m.matches() || d.isCdrom()) {
            return value;
        }
        String sid = m.group(1);
        StorageDefinition storage = ctx.cluster().storage(sid)
                .orElseThrow(() -> PveError.of("storage '" + sid + "' does not exist"));
        long size = (long) (Double.parseDouble(m.group(2)) * GIB);
        int index = nextDiskIndex(vm);
        ctx.cluster().usage().allocate(storage, vm.node(), size);
        return d.withFile(sid + ":vm-" + vm.vmid() + "-disk-" + index)
                .withOption("size", io.berth.testbed.pve.internal.vm.SizeFormat.format(size)).print();
    }

    private static int nextDiskIndex(Vm vm) {
        Pattern disk = Pattern.compile("vm-" + vm.vmid() + "-disk-(\\d+)");
        int next = 0;
        for (String v : vm.effectiveConfig().values()) {
            Matcher m = disk.matcher(v);
            while (m.find()) {
                next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
            }
        }
        return next;
    }
}
