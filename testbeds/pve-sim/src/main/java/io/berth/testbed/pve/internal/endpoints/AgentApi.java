package io.berth.testbed.pve.internal.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.SimContext;
import io.berth.testbed.pve.internal.api.ApiCall;
import io.berth.testbed.pve.internal.api.ApiResult;
import io.berth.testbed.pve.internal.qemu.AgentOption;
import io.berth.testbed.pve.internal.qemu.GuestNetwork;
import io.berth.testbed.pve.internal.qemu.VmLookup;
import io.berth.testbed.pve.internal.vm.Vm;

/**
 * The QEMU guest agent: {@code GET …/agent/network-get-interfaces} and {@code POST …/agent/ping}.
 * Answers 500 {@code QEMU guest agent is not running} until the guest has booted far enough.
 */
final class AgentApi {

    private final SimContext ctx;
    private final VmLookup lookup;
    private final GuestNetwork network;

    AgentApi(SimContext ctx, VmLookup lookup) {
        this.ctx = ctx;
        this.lookup = lookup;
        this.network = new GuestNetwork(ctx.json());
    }

    ApiResult networkGetInterfaces(ApiCall call) {
        Vm vm = agentReady(call);
        return ApiResult.of(network.interfaces(vm.vmid(), vm.runState()));
    }

    ApiResult ping(ApiCall call) {
        agentReady(call);
        ObjectNode out = ctx.json().createObjectNode();
        out.putObject("result");
        return ApiResult.of(out);
    }

    private Vm agentReady(ApiCall call) {
        int vmid = call.params().integer("vmid");
        Vm vm = lookup.load(call.params().required("node"), vmid);
        if (!AgentOption.enabled(vm.config().get("agent"))) {
            throw PveError.of("No QEMU guest agent configured");
        }
        Vm.RunState run = vm.runState();
        if (!"running".equals(run.status())) {
            throw PveError.of("VM " + vmid + " is not running");
        }
        if (System.currentTimeMillis() < run.agentReadyAtMillis()) {
            throw PveError.of("QEMU guest agent is not running");
        }
        return vm;
    }
}
