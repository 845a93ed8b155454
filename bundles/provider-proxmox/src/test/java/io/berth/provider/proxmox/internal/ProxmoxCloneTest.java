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
import java.util.concurrent.atomic.AtomicInteger;
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

    /** One node, template 9000 on its shared storage, no other guest. */
    private void cluster() {
        pve.route("GET", "/cluster/resources", r -> Reply.data("""
                [{"id":"node/pve1","type":"node","node":"pve1","status":"online","maxmem":68719476736,"mem":0},
                 {"id":"storage/pve1/ceph-vm","type":"storage","node":"pve1","storage":"ceph-vm","status":"available",
                  "content":"images,rootdir","shared":1,"maxdisk":1099511627776,"disk":0},
                 {"id":"qemu/9000","type":"qemu","node":"pve1","vmid":9000,"status":"stopped","name":"ubuntu",
                  "template":1}]"""));
        pve.route("GET", "/nodes/pve1/qemu/9000/config", r -> Reply.data("""
                {"scsi0":"ceph-vm:base-9000-disk-0,size=10G","boot":"order=scsi0","template":1}"""));
        pve.route("GET", "/cluster/nextid", r -> Reply.data("\"" + r.query().replaceAll("\\D", "") + "\""));
    }

    @Test
    void anIdPlacedHereAMomentAgoIsClonedWithoutALookFirst() throws ProviderException {
        cluster();
        pve.route("POST", "/nodes/pve1/qemu/9000/clone",
                r -> Reply.data("\"UPID:pve1:00000001:00000002:65000000:qmclone:9000:root@pam!berth:\""));

        Placement first = hypervisor.place(SPEC, List.of());
        Placement second = hypervisor.place(SPEC, List.of());
        hypervisor.clone(first, SPEC);

        assertThat(second.vm().vmId()).isNotEqualTo(first.vm().vmId());
        assertThat(pve.requests("GET", "/nodes/pve1/qemu/9000/config")).as("one template read per burst").hasSize(1);
        assertThat(pve.requests("GET", "/cluster/nextid")).isEmpty();
        assertThat(pve.requests("POST", "/nodes/pve1/qemu/9000/clone")).hasSize(1);
    }

    @Test
    void aCloneWhoseAnswerWasLostLooksBeforeItsNextAttempt() throws ProviderException {
        cluster();
        AtomicInteger posts = new AtomicInteger();
        pve.route("POST", "/nodes/pve1/qemu/9000/clone", r -> posts.incrementAndGet() == 1 ? Reply.reset()
                : Reply.data("\"UPID:pve1:00000001:00000002:65000000:qmclone:9000:root@pam!berth:\""));
        Placement placement = hypervisor.place(SPEC, List.of());

        ProviderException lost = catchThrowableOfType(() -> hypervisor.clone(placement, SPEC), ProviderException.class);
        assertThat(lost.retryable()).isTrue();
        hypervisor.clone(placement, SPEC);

        assertThat(pve.requests("GET", "/cluster/nextid")).singleElement()
                .satisfies(r -> assertThat(r.query()).isEqualTo("vmid=" + placement.vm().vmId()));
        assertThat(posts).hasValue(2);
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
