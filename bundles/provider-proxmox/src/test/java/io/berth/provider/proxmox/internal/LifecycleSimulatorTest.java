package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.hypervisor.PowerAction;
import io.berth.api.hypervisor.Template;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.hypervisor.VmState;
import io.berth.testbed.pve.SimOptions;
import io.berth.testbed.pve.VmView;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole life of one VM against the simulator over HTTPS, driven like the scheduler does. */
class LifecycleSimulatorTest {

    static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new SimulatorFixture(SimOptions.fast());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.sim.reset();
    }

    @Test
    void fullLifecycleWithTokenAuth() throws Exception {
        lifecycle(fixture.tokenProvider(Map.of()), false);
    }

    @Test
    void fullLifecycleWithTicketAuthAndRepeatedSteps() throws Exception {
        assertThat(csrfEnforced()).as("the simulator refuses a ticket POST without CSRF token").isTrue();

        lifecycle(fixture.ticketProvider(Map.of()), true);
    }

    private void lifecycle(ProxmoxHypervisor hypervisor, boolean repeatSteps) throws Exception {
        assertThat(hypervisor.health().up()).as(hypervisor.health().detail()).isTrue();
        assertThat(hypervisor.templates()).extracting(Template::ref).contains("pve1/9000", "pve1/9001", "pve1/9002");
        assertThat(hypervisor.templates()).filteredOn(t -> t.ref().equals("pve1/9000")).singleElement()
                .satisfies(t -> {
                    assertThat(t.name()).isEqualTo("ubuntu-2404-cloudinit");
                    assertThat(t.diskGb()).isEqualTo(4);
                    assertThat(t.os()).contains("Linux");
                });

        VmSpec spec = SimulatorFixture.spec("server-0001", 1);
        ProvisioningDriver driver = new ProvisioningDriver(hypervisor, Duration.ofSeconds(30), repeatSteps);
        ProvisioningDriver.Result result = driver.provision(spec);
        VmRef vm = result.vm();

        assertThat(result.address()).isEqualTo(spec.network().address());
        assertThat(Integer.parseInt(vm.vmId())).isBetween(1000, 1999);
        assertThat(fixture.sim.state().cloneRequests(Integer.parseInt(vm.vmId()))).isEqualTo(1);
        VmView view = fixture.sim.state().vm(Integer.parseInt(vm.vmId())).orElseThrow();
        Map<String, String> config = view.config();
        assertThat(view.status()).isEqualTo("running");
        assertThat(view.lock()).isNull();
        assertThat(view.tags()).contains("berth");
        assertThat(config).containsEntry("name", "srv-1").containsEntry("cores", "2").containsEntry("memory", "2048")
                .containsEntry("ciuser", "berth").containsEntry("agent", "1")
                .containsEntry("ipconfig0", "ip=10.20.0.11/24,gw=10.20.0.1")
                .containsEntry("nameserver", "1.1.1.1 9.9.9.9");
        assertThat(CloudInit.decodeSshKeys(config.get("sshkeys"))).isEqualTo(spec.sshKeys());
        assertThat(ServerMarker.serverId(config.get("description"))).contains("server-0001");
        assertThat(PropertyString.bytes(PropertyString.parse(config.get("scsi0")).get("size"))).isEqualTo(16L << 30);

        VmState state = hypervisor.state(vm);
        assertThat(state.power()).isEqualTo(VmState.Power.RUNNING);
        assertThat(state.serverId()).isEqualTo("server-0001");
        assertThat(state.name()).isEqualTo("srv-1");
        assertThat(state.locked()).isFalse();
        assertThat(hypervisor.list()).singleElement().satisfies(s -> {
            assertThat(s.vm()).isEqualTo(vm);
            assertThat(s.serverId()).isEqualTo("server-0001");
        });

        // every step again: nothing left to do
        long requestsBefore = fixture.sim.state().tasks().size();
        assertThat(hypervisor.configure(vm, spec)).isEmpty();
        assertThat(hypervisor.resizeDisk(vm, spec)).isEmpty();
        assertThat(hypervisor.power(vm, PowerAction.START)).isEmpty();
        assertThat(fixture.sim.state().tasks()).hasSize((int) requestsBefore);

        Instant end = Instant.now().plusSeconds(20);
        driver.awaitTask(end, "reboot", hypervisor.power(vm, PowerAction.REBOOT), vm);
        driver.awaitTask(end, "shutdown", hypervisor.power(vm, PowerAction.SHUTDOWN), vm);
        assertThat(hypervisor.state(vm).power()).isEqualTo(VmState.Power.STOPPED);
        assertThat(hypervisor.power(vm, PowerAction.STOP)).isEmpty();
        assertThat(hypervisor.guestAddress(vm)).isEmpty();
        driver.awaitTask(end, "start", hypervisor.power(vm, PowerAction.START), vm);

        driver.destroy(vm); // running: stopped first, then deleted with its disks
        assertThat(hypervisor.state(vm).power()).isEqualTo(VmState.Power.ABSENT);
        assertThat(hypervisor.delete(vm)).isEmpty();
        assertThat(hypervisor.list()).isEmpty();
        assertThat(fixture.guests()).isEmpty();
    }

    /** A raw ticket login and a POST without the CSRF header: the simulator must refuse it. */
    private static boolean csrfEnforced() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(fixture.sim.clientSslContext()).build();
        URI api = fixture.sim.apiUri();
        String login = "username=" + fixture.sim.username() + "&password="
                + java.net.URLEncoder.encode(fixture.sim.password(), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> ticket = client.send(HttpRequest.newBuilder(URI.create(api + "/access/ticket"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(login)).build(), HttpResponse.BodyHandlers.ofString());
        String value = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ticket.body()).path("data")
                .path("ticket").asText();
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(api + "/nodes/pve1/qemu/9000/status/start"))
                .header("Cookie", "PVEAuthCookie=" + value)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return post.statusCode() == 401;
    }
}
