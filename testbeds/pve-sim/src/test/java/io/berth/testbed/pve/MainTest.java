package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line: flags, environment, and a banner that keeps the secret unless asked. */
class MainTest {

    @Test
    void defaults() {
        SimOptions o = Main.parse(new String[0], Map.of()).options();
        assertThat(o.port()).isEqualTo(8006);
        assertThat(o.https()).isTrue();
        assertThat(o.profile()).isEqualTo(LatencyProfile.REALISTIC);
        assertThat(o.faults()).isEqualTo(FaultSettings.NONE);
        assertThat(o.bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void flagsAndEnvironment() {
        Main.ParsedArgs p = Main.parse(new String[] {"--port", "0", "--http", "--profile", "fast", "--nodes", "2",
            "--seed", "5", "--error-rate", "0.25", "--error-kinds", "500,reset", "--error-phase", "after",
            "--fail-next-clones", "3", "--task-latency-ms", "100", "--storage-lock-hold-ms", "900", "--print-secret"},
                Map.of("PVE_SIM_TOKEN_SECRET", "fixed-secret", "PVE_SIM_PASSWORD", "fixed-pw"));
        SimOptions o = p.options();
        assertThat(p.printSecret()).isTrue();
        assertThat(o.port()).isZero();
        assertThat(o.https()).isFalse();
        assertThat(o.profile()).isEqualTo(LatencyProfile.FAST);
        assertThat(o.nodeCount()).isEqualTo(2);
        assertThat(o.seed()).isEqualTo(5L);
        assertThat(o.tokenSecret()).isEqualTo("fixed-secret");
        assertThat(o.password()).isEqualTo("fixed-pw");
        assertThat(o.faults().errorRate()).isEqualTo(0.25);
        assertThat(o.faults().errorKinds()).containsExactlyInAnyOrder(ErrorKind.HTTP_500, ErrorKind.RESET);
        assertThat(o.faults().errorPhase()).isEqualTo(FaultPhase.AFTER);
        assertThat(o.faults().failNextCloneTasks()).isEqualTo(3);
        assertThat(o.faults().taskLatency()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.faults().storageLockHold()).isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--frobnicate"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> Main.parse(new String[] {"--error-rate", "2"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errorRate");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Main.parse(new String[] {"--bind", "192.0.2.1"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    @Test
    void bannerShowsTheSecretOnlyWhenAsked() {
        try (PveSimulator sim = PveSimulator.start(SimOptions.fast())) {
            String quiet = banner(sim, false);
            assertThat(quiet).contains(sim.baseUri().toString(), "root@pam!berth", sim.certificateSha256Fingerprint())
                    .doesNotContain(sim.tokenSecret()).doesNotContain(sim.password());
            assertThat(banner(sim, true)).contains(sim.tokenSecret(), sim.password());
        }
    }

    private static String banner(PveSimulator sim, boolean secret) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), sim, secret);
        return out.toString(StandardCharsets.UTF_8);
    }
}
