package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.hypervisor.VmRef;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.provider.proxmox.internal.FakePve.Reply;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxmoxGuestAgentTest {

    private static final String INTERFACES = """
            {"result":[
              {"name":"lo","hardware-address":"00:00:00:00:00:00","ip-addresses":[
                {"ip-address-type":"ipv4","ip-address":"127.0.0.1","prefix":8},
                {"ip-address-type":"ipv6","ip-address":"::1","prefix":128}]},
              {"name":"docker0","hardware-address":"02:42:ac:11:00:01","ip-addresses":[
                {"ip-address-type":"ipv4","ip-address":"172.17.0.1","prefix":16}]},
              {"name":"eth1","hardware-address":"02:0c:21:fc:c7:9c"},
              {"name":"eth0","hardware-address":"bc:24:11:aa:bb:cc","ip-addresses":[
                {"ip-address-type":"ipv6","ip-address":"fe80::1","prefix":64},
                {"ip-address-type":"ipv4","ip-address":"10.10.0.12","prefix":24}]}]}""";

    private FakePve pve;
    private ProxmoxGuestAgent agent;
    private final VmRef vm = new VmRef("pve1", "101");

    @BeforeEach
    void start() throws Exception {
        pve = new FakePve();
        pve.route("GET", "/nodes/pve1/qemu/101/config", r -> Reply.data("{\"net0\":\"virtio=BC:24:11:AA:BB:CC,bridge=vmbr0\"}"));
        ProxmoxHttp http = TestSupport.http(pve.base(), ProxmoxAuth.none());
        agent = new ProxmoxGuestAgent(http, new ProxmoxVms(http), Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    @Test
    void prefersTheInterfaceWithTheMacOfNet0() throws Exception {
        pve.route("GET", ".*/agent/network-get-interfaces", r -> Reply.data(INTERFACES));

        assertThat(agent.address(vm)).contains("10.10.0.12");
    }

    @Test
    void takesTheFirstNonLoopbackAddressWithoutAMatch() throws Exception {
        pve.route("GET", ".*/agent/network-get-interfaces", r -> Reply.data(INTERFACES));
        pve.route("GET", "/nodes/pve1/qemu/101/config", r -> Reply.data("{}"));

        assertThat(agent.address(vm)).contains("172.17.0.1");
    }

    @Test
    void emptyWhileTheAgentDoesNotAnswer() throws Exception {
        pve.route("GET", ".*/agent/network-get-interfaces", r -> Reply.error(500, "QEMU guest agent is not running"));
        assertThat(agent.address(vm)).isEmpty();

        pve.route("GET", ".*/agent/network-get-interfaces", r -> Reply.data(INTERFACES).delayed(2000));
        assertThat(agent.address(vm)).isEmpty();

        pve.route("GET", ".*/agent/network-get-interfaces", r -> Reply.data("{\"result\":[{\"name\":\"eth0\"}]}"));
        assertThat(agent.address(vm)).isEmpty();
    }

    @Test
    void otherFailuresAreReported() {
        pve.route("GET", ".*/agent/network-get-interfaces", r -> Reply.error(403, "Permission check failed"));

        ProviderException e = catchThrowableOfType(() -> agent.address(vm), ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
    }
}
