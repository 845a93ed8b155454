package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.provider.ProviderException;
import io.berth.provider.proxmox.internal.FakePve.Reply;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxmoxCloneTest {

    private static final VmSpec SPEC = new VmSpec("srv-1", "web-1", "pve1/9000", true, 1, 1024, 10, null, "alice",
            List.of());

    private FakePve pve;
    private ProxmoxHypervisor hypervisor;

    @BeforeEach
    void start() throws Exception {
        pve = new FakePve();
        hypervisor = new ProxmoxHypervisor(ProxmoxSettings.from(TestSupport.config(Map.of("berth.hypervisor.id", "pve",
                "api.url", pve.base().toString(), "token.id", "root@pam!berth", ".token.secret", "secret"))),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    @Test
    void aTakenIdWhoseVmIsGoneFromTheListedNodeIsLookedAtAgainNotFailed() {
        // another client's clone took VM id 1003; listed on pve1, its configuration moved on (a clone
        // onto another node ends that way) before it was read
        pve.route("GET", "/cluster/nextid", r -> Reply.error(400, "VM 1003 already exists"));
        pve.route("GET", "/cluster/resources", r -> Reply.data("""
                [{"id":"qemu/1003","type":"qemu","node":"pve1","vmid":1003,"status":"stopped","name":"other","lock":"clone"}]"""));
        pve.route("GET", "/nodes/pve1/qemu/1003/config",
                r -> Reply.error(500, "Configuration file 'nodes/pve1/qemu-server/1003.conf' does not exist"));

        ProviderException e = catchThrowableOfType(
                () -> hypervisor.clone(new Placement(new VmRef("pve1", "1003"), null), SPEC), ProviderException.class);

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("1003", "pve1");
        assertThat(pve.requests("POST", "/nodes/pve1/qemu/9000/clone")).isEmpty();
    }
}
