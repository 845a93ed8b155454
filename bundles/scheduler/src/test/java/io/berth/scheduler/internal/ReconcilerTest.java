package io.berth.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;
import io.berth.api.server.ServerStatus;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private final FakeLifecycle lifecycle = new FakeLifecycle();
    private final HypervisorRegistry registry = new HypervisorRegistry();
    private final FakeHypervisor hv = new FakeHypervisor("pve");
    private final Reconciler reconciler = new Reconciler(lifecycle, registry);

    ReconcilerTest() {
        registry.bind(hv, Map.of(Hypervisor.ID, "pve", "service.id", 1L));
    }

    @Test
    void fixesPowerDriftAndFlagsVanishedVms() {
        UUID stoppedOutside = server(ServerStatus.RUNNING, "100", VmState.Power.STOPPED);
        UUID startedOutside = server(ServerStatus.STOPPED, "101", VmState.Power.RUNNING);
        UUID fine = server(ServerStatus.RUNNING, "102", VmState.Power.RUNNING);
        UUID vanished = lifecycle.add(ServerStatus.RUNNING, "pve", "pve1", "103");
        UUID replaced = server(ServerStatus.STOPPED, "104", VmState.Power.STOPPED);
        hv.remove("104");
        hv.addVm("pve1", "104", UUID.randomUUID().toString(), "someone", VmState.Power.RUNNING);

        Reconciler.Pass pass = reconciler.reconcile();

        assertThat(lifecycle.status(stoppedOutside)).isEqualTo(ServerStatus.STOPPED);
        assertThat(lifecycle.details.get(stoppedOutside)).isEqualTo("stopped outside Berth");
        assertThat(lifecycle.status(startedOutside)).isEqualTo(ServerStatus.RUNNING);
        assertThat(lifecycle.details.get(startedOutside)).isEqualTo("started outside Berth");
        assertThat(lifecycle.status(fine)).isEqualTo(ServerStatus.RUNNING);
        assertThat(lifecycle.status(vanished)).isEqualTo(ServerStatus.FAILED);
        assertThat(lifecycle.details.get(vanished)).isEqualTo("VM pve1/103 vanished from pve");
        assertThat(lifecycle.status(replaced)).isEqualTo(ServerStatus.FAILED);
        assertThat(pass.checked()).isEqualTo(5);
        assertThat(pass.fixed()).isEqualTo(2);
        assertThat(pass.vanished()).isEqualTo(2);
        assertThat(pass.orphans()).isEqualTo(1); // the VM now at 104 is marked for a server nobody placed there
    }

    @Test
    void aListReadBeforeAProvisioningEndedIsNoDrift() throws Exception {
        UUID provisioned = server(ServerStatus.RUNNING, "100", VmState.Power.RUNNING);
        // the list was read while the VM was still stopped; the job started it and settled the server after
        java.util.List<VmState> stale = java.util.List.of(new VmState(new io.berth.api.hypervisor.VmRef("pve1", "100"),
                VmState.Power.STOPPED, false, "web-0", provisioned.toString()));
        Hypervisor staleList = (Hypervisor) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Hypervisor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("list")) {
                        return stale;
                    }
                    try {
                        return method.invoke(hv, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        HypervisorRegistry only = new HypervisorRegistry();
        only.bind(staleList, Map.of(Hypervisor.ID, "pve", "service.id", 2L));

        Reconciler.Pass pass = new Reconciler(lifecycle, only).reconcile();

        assertThat(lifecycle.status(provisioned)).isEqualTo(ServerStatus.RUNNING);
        assertThat(pass.fixed()).isZero();
    }

    @Test
    void leavesServersWithAJobInProgressAlone() {
        UUID starting = server(ServerStatus.STARTING, "100", VmState.Power.STOPPED);
        UUID provisioning = lifecycle.add(ServerStatus.PROVISIONING, "pve", "pve1", "101");
        UUID suspended = server(ServerStatus.SUSPENDED, "102", VmState.Power.STOPPED);

        Reconciler.Pass pass = reconciler.reconcile();

        assertThat(pass.checked()).isZero();
        assertThat(lifecycle.status(starting)).isEqualTo(ServerStatus.STARTING);
        assertThat(lifecycle.status(provisioning)).isEqualTo(ServerStatus.PROVISIONING);
        assertThat(lifecycle.status(suspended)).isEqualTo(ServerStatus.SUSPENDED);
        assertThat(lifecycle.settled).isEmpty();
    }

    @Test
    void anUnreachableHypervisorChangesNothing() {
        UUID server = server(ServerStatus.RUNNING, "100", VmState.Power.STOPPED);
        hv.failNext("list", new ProviderException(ProviderException.Kind.TRANSIENT, "timeout"));

        Reconciler.Pass pass = reconciler.reconcile();

        assertThat(pass.unreachable()).isEqualTo(1);
        assertThat(lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);
    }

    @Test
    void untaggedVmsAreLookedUpDirectly() {
        UUID server = lifecycle.add(ServerStatus.RUNNING, "pve", "pve1", "100");
        hv.addVm("pve1", "100", null, "imported", VmState.Power.RUNNING); // not in list(): no marker

        reconciler.reconcile();

        assertThat(lifecycle.status(server)).isEqualTo(ServerStatus.RUNNING);
        assertThat(lifecycle.settled).isEmpty();
    }

    private UUID server(ServerStatus status, String vmId, VmState.Power power) {
        UUID id = lifecycle.add(status, "pve", "pve1", vmId);
        hv.addVm("pve1", vmId, id.toString(), "web", power);
        return id;
    }
}
