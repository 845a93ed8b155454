package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.hypervisor.VmSpec.NetworkConfig;
import io.berth.testbed.pve.PveSimulator;
import io.berth.testbed.pve.SimOptions;
import io.berth.testbed.pve.VmView;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts the Proxmox VE simulator and builds providers pointed at it, as Declarative Services would. */
final class SimulatorFixture implements AutoCloseable {

    static final String TEMPLATE = "pve1/9000";

    final PveSimulator sim;

    SimulatorFixture(SimOptions options) {
        this.sim = PveSimulator.start(options);
    }

    /** Token auth, TLS pinned to the simulator's certificate, test-friendly waits; {@code more} overrides. */
    ProxmoxHypervisor tokenProvider(Map<String, ?> more) {
        Map<String, Object> props = base();
        props.put("token.id", sim.tokenId());
        props.put(".token.secret", sim.tokenSecret());
        props.putAll(more);
        return provider(props);
    }

    ProxmoxHypervisor ticketProvider(Map<String, ?> more) {
        Map<String, Object> props = base();
        props.put("username", sim.username());
        props.put(".password", sim.password());
        props.putAll(more);
        return provider(props);
    }

    static ProxmoxHypervisor provider(Map<String, Object> props) {
        return new ProxmoxHypervisor(ProxmoxSettings.from(TestSupport.config(props)), Clock.systemUTC());
    }

    private Map<String, Object> base() {
        Map<String, Object> props = new HashMap<>();
        props.put("berth.hypervisor.id", "sim");
        props.put("api.url", sim.baseUri().toString());
        if (sim.certificateSha256Fingerprint() != null) {
            props.put("tls.fingerprint.sha256", sim.certificateSha256Fingerprint());
        }
        props.put("vmid.min", "1000");
        props.put("vmid.max", "1999");
        props.put("task.poll.ms", "20");
        props.put("request.timeout.seconds", "5");
        props.put("agent.timeout.seconds", "2");
        props.put("clone.slot.wait.ms", "300");
        return props;
    }

    static VmSpec spec(String serverId, int index) {
        return new VmSpec(serverId, "srv-" + index, TEMPLATE, true, 2, 2048, 16,
                new NetworkConfig("10.20." + (index / 200) + "." + (10 + index % 200), 24, "10.20.0.1",
                        List.of("1.1.1.1", "9.9.9.9")),
                "berth", List.of(sshKey(index) + " user" + index + "@example.org", sshKey(index + 7777)));
    }

    /** A well-formed OpenSSH ed25519 public key (the key bytes are made up). */
    static String sshKey(int seed) {
        java.nio.ByteBuffer blob = java.nio.ByteBuffer.allocate(4 + 11 + 4 + 32);
        blob.putInt(11).put("ssh-ed25519".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(32);
        java.util.Random random = new java.util.Random(seed);
        byte[] key = new byte[32];
        random.nextBytes(key);
        blob.put(key);
        return "ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(blob.array());
    }

    /** Every guest on the simulator that carries the Berth tag. */
    List<VmView> berthVms() {
        return sim.state().vms().stream().filter(v -> v.tags().contains(Hypervisor.BERTH_TAG)).toList();
    }

    /** Every guest that is not a template. */
    List<VmView> guests() {
        return sim.state().vms().stream().filter(v -> !v.template()).toList();
    }

    @Override
    public void close() {
        sim.close();
    }
}
