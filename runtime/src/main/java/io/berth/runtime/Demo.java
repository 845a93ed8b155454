package io.berth.runtime;

import io.berth.testbed.pve.LatencyProfile;
import io.berth.testbed.pve.PveSimulator;
import io.berth.testbed.pve.SimOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo mode: when no Proxmox VE cluster is configured, the Proxmox VE simulator runs beside the
 * framework (HTTPS on loopback, certificate pinned by fingerprint, API token) and the provider and
 * the catalog are configured against it, so a new user can order a server at once.
 */
final class Demo implements AutoCloseable {

    static final String PROVIDER_FACTORY_PID = "io.berth.provider.proxmox";
    static final String HYPERVISOR_ID = "pve-demo";

    /** The simulator's templates as catalog images: hypervisor|template|name|os|min disk|clone mode. */
    static final List<String> IMAGES = List.of(
            HYPERVISOR_ID + "|pve1/9000|Ubuntu 24.04|ubuntu|10|linked",
            HYPERVISOR_ID + "|pve1/9001|Debian 12|debian|10|linked",
            HYPERVISOR_ID + "|pve1/9002|Rocky Linux 9|rocky|20|full");

    private final PveSimulator simulator;

    private Demo(PveSimulator simulator) {
        this.simulator = simulator;
    }

    static Demo start(LatencyProfile profile) {
        return new Demo(PveSimulator.start(SimOptions.builder().port(0).profile(profile).build()));
    }

    Map<String, Object> providerConfiguration() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("berth.hypervisor.id", HYPERVISOR_ID);
        c.put("api.url", simulator.baseUri().toString());
        c.put("token.id", simulator.tokenId());
        c.put(".token.secret", simulator.tokenSecret());
        c.put("tls.fingerprint.sha256", simulator.certificateSha256Fingerprint());
        return c;
    }

    static Map<String, Object> catalogConfiguration() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("images", IMAGES);
        return c;
    }

    PveSimulator simulator() {
        return simulator;
    }

    String url() {
        return simulator.baseUri().toString();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
