package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;
import io.berth.api.provider.ProviderHealth;
import io.berth.testbed.pve.SimOptions;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsSimulatorTest {

    private static final String OTHER = "3A:1F:00:00:00:00:00:00:00:00:00:00:00:00:00:00:"
            + "00:00:00:00:00:00:00:00:00:00:00:00:00:00:9C:42";

    static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new SimulatorFixture(SimOptions.fast());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aFingerprintMismatchIsRefusedBeforeAnyRequest() {
        long before = fixture.sim.state().apiRequests();
        ProxmoxHypervisor hypervisor = fixture.tokenProvider(Map.of("tls.fingerprint.sha256", OTHER));

        ProviderHealth health = hypervisor.health();
        ProviderException e = catchThrowableOfType(
                () -> hypervisor.place(SimulatorFixture.spec("tls-1", 1), List.of()), ProviderException.class);

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("AUTHENTICATION").contains("does not match the pinned " + OTHER)
                .doesNotContain(fixture.sim.tokenSecret());
        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains(fixture.sim.certificateSha256Fingerprint());
        assertThat(fixture.sim.state().apiRequests()).as("no request reached the API").isEqualTo(before);
    }

    @Test
    void theRightPinInAnyNotationIsAccepted() {
        String pin = fixture.sim.certificateSha256Fingerprint().replace(":", "").toLowerCase();

        assertThat(fixture.tokenProvider(Map.of("tls.fingerprint.sha256", pin)).health().up()).isTrue();
    }

    @Test
    void withoutPinOrCaTheSelfSignedCertificateIsNotTrusted() {
        ProxmoxHypervisor hypervisor = fixture.tokenProvider(Map.of("tls.fingerprint.sha256", ""));

        ProviderException e = catchThrowableOfType(hypervisor::templates, ProviderException.class);

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
    }
}
