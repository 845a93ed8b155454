package io.berth.scheduler.internal;

import io.berth.api.domain.DomainException;
import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;
import io.berth.api.server.ServerLifecycle;
import io.berth.api.server.ServerStatus;
import io.berth.api.server.ServerTarget;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the servers core places on each registered hypervisor with what the hypervisor reports
 * and fixes drift:
 * <ul>
 * <li>a {@code running} server whose VM is stopped (stopped outside Berth) becomes {@code stopped},
 * and a {@code stopped} one whose VM runs becomes {@code running} (detail "… outside Berth");</li>
 * <li>a server whose VM is gone (or whose VM id now carries another server's marker) becomes
 * {@code failed} with the detail "VM node/id vanished from hypervisor".</li>
 * </ul>
 * Only {@code running} and {@code stopped} servers are looked at: any other status is transitional
 * (a job is working on it) or needs a person (failed, suspended). The status is read again right
 * before it is changed, and core's state machine checks the change, so a job that starts meanwhile
 * wins. Berth VMs no server claims (orphans) are logged, never deleted.
 */
final class Reconciler {

    /** What one pass did. */
    record Pass(int checked, int fixed, int vanished, int orphans, int unreachable) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final ServerLifecycle lifecycle;
    private final Hypervisors hypervisors;

    Reconciler(ServerLifecycle lifecycle, Hypervisors hypervisors) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.hypervisors = Objects.requireNonNull(hypervisors, "hypervisors");
    }

    Pass reconcile() {
        int checked = 0;
        int fixed = 0;
        int vanished = 0;
        int orphans = 0;
        int unreachable = 0;
        for (Map.Entry<String, Hypervisor> e : hypervisors.all().entrySet()) {
            String id = e.getKey();
            Hypervisor hv = e.getValue();
            List<VmState> vms;
            try {
                vms = hv.list();
            } catch (ProviderException | RuntimeException ex) {
                LOG.warn("reconcile skipped hypervisor={} reason={}", id, Failures.describe(ex));
                unreachable++;
                continue;
            }
            Map<String, VmState> byVmId = new HashMap<>();
            vms.forEach(vm -> byVmId.put(vm.vm().vmId(), vm));
            Set<String> claimed = new HashSet<>();
            for (ServerTarget server : lifecycle.placedOn(id)) {
                if (server.vmId() != null) {
                    claimed.add(server.serverId() + "@" + server.vmId());
                }
                if (!server.placed() || (server.status() != ServerStatus.RUNNING
                        && server.status() != ServerStatus.STOPPED)) {
                    continue;
                }
                checked++;
                try {
                    switch (check(id, hv, server, byVmId.get(server.vmId()))) {
                        case FIXED -> fixed++;
                        case VANISHED -> vanished++;
                        case NONE -> {
                        }
                    }
                } catch (ProviderException | RuntimeException ex) {
                    LOG.warn("reconcile of server failed hypervisor={} server={} reason={}", id, server.serverId(),
                            Failures.describe(ex));
                }
            }
            for (VmState vm : vms) {
                if (vm.serverId() != null && !claimed.contains(vm.serverId() + "@" + vm.vm().vmId())) {
                    orphans++;
                    LOG.warn("orphan VM: no server claims it hypervisor={} vm={} name={} server={}",
                            id, vm.vm(), vm.name(), vm.serverId());
                }
            }
        }
        return new Pass(checked, fixed, vanished, orphans, unreachable);
    }

    /** The VM exists and is not marked as another server's. */
    private static boolean present(VmState state, ServerTarget server) {
        return state.power() != VmState.Power.ABSENT
                && (state.serverId() == null || state.serverId().equals(server.serverId().toString()));
    }

    private enum Change {
        NONE, FIXED, VANISHED
    }

    private record Drift(ServerStatus want, String detail) {
    }

    /** What the server should become given the VM's state, or {@code null} when they agree. */
    private static Drift drift(String hypervisorId, VmRef ref, ServerTarget server, VmState state) {
        if (!present(state, server)) {
            return new Drift(ServerStatus.FAILED, "VM " + ref + " vanished from " + hypervisorId);
        }
        if (state.power() == VmState.Power.RUNNING && server.status() == ServerStatus.STOPPED) {
            return new Drift(ServerStatus.RUNNING, "started outside Berth");
        }
        if (state.power() == VmState.Power.STOPPED && server.status() == ServerStatus.RUNNING) {
            return new Drift(ServerStatus.STOPPED, "stopped outside Berth");
        }
        return null;
    }

    private Change check(String hypervisorId, Hypervisor hv, ServerTarget server, VmState listed)
            throws ProviderException {
        VmRef ref = new VmRef(server.node(), server.vmId());
        // list() only shows tagged VMs and may be stale: look at the VM itself before calling it gone
        VmState state = listed;
        if (state == null || !present(state, server)) {
            state = hv.state(ref);
        }
        if (drift(hypervisorId, ref, server, state) == null) {
            return Change.NONE;
        }
        ServerTarget now = lifecycle.target(server.serverId());
        if (now.status() != server.status()) {
            return Change.NONE; // a job or a user changed it meanwhile
        }
        if (state == listed) {
            // the list was read before the server's status: a job may have started the VM and settled the
            // server since (provisioning does both within seconds); only the VM's state now tells drift
            state = hv.state(ref);
        }
        Drift drift = drift(hypervisorId, ref, now, state);
        if (drift == null) {
            return Change.NONE;
        }
        ServerStatus want = drift.want();
        String detail = drift.detail();
        try {
            lifecycle.settled(server.serverId(), want, detail);
        } catch (DomainException refused) {
            LOG.info("reconcile change refused server={} status={} reason={}", server.serverId(), want.wireName(),
                    refused.getMessage());
            return Change.NONE;
        }
        LOG.warn("reconciled drift hypervisor={} server={} vm={} was={} now={} detail={}", hypervisorId,
                server.serverId(), ref, server.status().wireName(), want.wireName(), detail);
        return want == ServerStatus.FAILED ? Change.VANISHED : Change.FIXED;
    }
}
