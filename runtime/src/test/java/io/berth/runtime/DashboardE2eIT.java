package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's end-to-end journey ({@code ui/e2e}, playwright-core in Debian's Chromium) against
 * the real runtime in demo mode: log in, create a server, watch it provision, reboot, terminate.
 * Screenshots of each page are kept in {@code runtime/target/e2e-screenshots}.
 */
class DashboardE2eIT {

    private static TestRuntime berth;

    @BeforeAll
    static void start() throws Exception {
        berth = TestRuntime.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (berth != null) {
            berth.close();
        }
    }

    @Test
    void theJourneyPassesInARealBrowser() throws Exception {
        Path ui = TestRuntime.distribution().getParent().getParent().resolve("ui");
        assertThat(ui.resolve("node_modules/playwright-core")).as("the ui module's npm ci ran").exists();
        Path shots = TestRuntime.distribution().resolve("e2e-screenshots");
        Files.createDirectories(shots);
        Path log = TestRuntime.distribution().resolve("e2e.log");
        ProcessBuilder npm = new ProcessBuilder(List.of("npm", "run", "e2e")).directory(ui.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        npm.environment().put("BERTH_URL", berth.uri("").toString());
        npm.environment().put("BERTH_ADMIN_EMAIL", TestRuntime.ADMIN_EMAIL);
        npm.environment().put("BERTH_ADMIN_PASSWORD", TestRuntime.ADMIN_PASSWORD);
        npm.environment().put("E2E_SCREENSHOTS", shots.toString());
        npm.environment().put("E2E_TIMEOUT_MS", "60000");
        // the WireGuard endpoint comes with the VPN gateway issue; until then the step is skipped
        npm.environment().put("E2E_WIREGUARD", "false");
        Process run = npm.start();
        boolean done = run.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            run.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(done).as("e2e finished in time").isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("# fail 0");
        try (var files = Files.list(shots)) {
            assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(5);
        }
    }
}
