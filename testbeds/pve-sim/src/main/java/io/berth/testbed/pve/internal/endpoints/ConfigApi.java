package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.api.Params;
import io.berth.testbed.pve.internal.qemu.ConfigDigest;
import io.berth.testbed.pve.internal.qemu.ConfigJson;
import io.berth.testbed.pve.internal.qemu.ConfigOptions;
import io.berth.testbed.pve.internal.qemu.VmLookup;
import io.berth.testbed.pve.internal.task.Task;
import io.berth.testbed.pve.internal.vm.ConfigLocks;
import io.berth.testbed.pve.internal.vm.LockHandle;
import io.berth.testbed.pve.internal.vm.Vm;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code GET|POST|PUT /nodes/{node}/qemu/{vmid}/config}. Updates take the VM's config lock
 * (waiting up to the lock timeout, then {@code can't lock file … - got timeout}), check the
 * digest and the config lock ({@code VM is locked (clone)}); POST then applies the change in a
 * {@code qmconfig} task and answers its UPID, PUT applies it at once and answers null.
 */
final class ConfigApi {

    private final SimContext ctx;
    private final VmLookup lookup;
    private final TaskStarter starter;
    private final ConfigOptions options;
    private final ConfigJson configJson;
    private final ConfigApplier applier;

    ConfigApi(SimContext ctx, VmLookup lookup, TaskStarter starter, ConfigOptions options) {
        this.ctx = ctx;
        this.lookup = lookup;
        this.starter = starter;
        this.options = options;
        this.configJson = new ConfigJson(options, ctx.json());
        this.applier = new ConfigApplier(ctx);
    }

    ApiResult get(ApiCall call) {
        Params p = call.params();
        Vm vm = lookup.load(p.required("node"), p.integer("vmid"));
        if (p.has("snapshot")) {
            throw PveError.of("snapshot '" + p.required("snapshot") + "' does not exist");
        }
        Map<String, String> conf = p.bool("current", false) ? vm.config() : vm.effectiveConfig();
        if (conf.containsKey("cipassword")) {
            conf.put("cipassword", "**********");
        }
        ObjectNode out = configJson.render(conf);
        out.put("digest", ConfigDigest.of(vm.config(), vm.pending(), vm.pendingDelete()));
        return ApiResult.of(out);
    }

    ApiResult putSync(ApiCall call) throws InterruptedException {
        Params p = call.params();
        ConfigChange change = ConfigChange.parse(p, options, ctx.macs(), ctx.random());
        lockedUpdate(p.required("node"), p.integer("vmid"), change, w -> { });
        return ApiResult.empty();
    }

    ApiResult postAsync(ApiCall call) throws InterruptedException {
        Params p = call.params();
        String node = p.required("node");
        int vmid = p.integer("vmid");
        ConfigChange change = ConfigChange.parse(p, options, ctx.macs(), ctx.random());
        lockedCheck(node, vmid, change);
        Task task = starter.start(node, "qmconfig", Integer.toString(vmid), call, c -> {
            c.log(change.logLine(vmid, p));
            c.work(ctx.latencies().config());
            c.failIfInjected(ConfigLocks.timeoutMessage(vmid));
            lockedUpdate(node, vmid, change, c::warn);
        });
        var delay = p.optionalInteger("background_delay");
        if (delay.isPresent() && task.await(delay.get() * 1000L)) {
            String exit = task.exitStatus();
            if (exit.equals("OK") || exit.startsWith("WARNINGS")) {
                return ApiResult.empty();
            }
            throw PveError.of(exit);
        }
        return TaskStarter.upid(task);
    }

    private void lockedCheck(String node, int vmid, ConfigChange change) throws InterruptedException {
        try (LockHandle lock = ctx.configLocks().exclusive(vmid, ctx.latencies().lockTimeout())) {
            check(lookup.load(node, vmid), change);
        }
    }

    private void lockedUpdate(String node, int vmid, ConfigChange change, Consumer<String> warn) throws InterruptedException {
        try (LockHandle lock = ctx.configLocks().exclusive(vmid, ctx.latencies().lockTimeout())) {
            Vm vm = lookup.load(node, vmid);
            check(vm, change);
            applier.apply(vm, change, warn);
        }
    }

    private static void check(Vm vm, ConfigChange change) {
        if (change.digest() != null
                && !change.digest().equals(ConfigDigest.of(vm.config(), vm.pending(), vm.pendingDelete()))) {
            throw PveError.of("checksum missmatch (file change by other user?)");
        }
        if (!change.skiplock()) {
            VmLookup.checkLock(vm);
        }
    }
}
