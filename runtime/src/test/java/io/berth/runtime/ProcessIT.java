package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Berth started the way the README does ({@code runtime/bin/berth}), as its own process. */
class ProcessIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Test
    void startsBecomesHealthyAndStopsCleanlyOnSigterm() throws Exception {
        Path home = Files.createTempDirectory("berth-process-");
        int port = TestRuntime.freePort();
        Path log = home.resolve("berth.log");
        Process berth = start(home, port, Map.of(), log);
        try {
            assertThat(awaitHealth(port, 200, Duration.ofSeconds(120))).contains("\"database\":{\"status\":\"UP\"");
        } finally {
            berth.destroy();
        }
        assertThat(berth.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(berth.exitValue()).as(output).isZero();
        assertThat(output).contains("Berth started in").contains("stopping");
        assertThat(output.lines().filter(l -> l.startsWith("\tat ") || l.contains("Exception")).toList())
                .as("no stack traces in the log").isEmpty();
        assertThat(output).doesNotContain(TestRuntime.ADMIN_PASSWORD);
    }

    @Test
    void anUnreachableDatabaseAndABadConfigFileAreNamedClearly() throws Exception {
        Path home = Files.createTempDirectory("berth-process-");
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/io.berth.core.catalog.config"), "max_cpu_cores=I\"many\"\n");
        int port = TestRuntime.freePort();
        int closed = TestRuntime.freePort();
        Path log = home.resolve("berth.log");
        Process berth = start(home, port, Map.of("BERTH_DB_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/berth",
                "BERTH_DB_USER", "berth", "BERTH_DB_PASSWORD", "not-logged-secret"), log);
        try {
            assertThat(awaitHealth(port, 503, Duration.ofSeconds(120))).contains("\"database\":{\"status\":\"DOWN\"");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("io.berth.core.database") && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
        } finally {
            berth.destroy();
        }
        assertThat(berth.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(berth.exitValue()).as(output).isZero();
        assertThat(output).contains("key 'url' of io.berth.core.database (jdbc:postgresql://127.0.0.1:" + closed)
                .contains("cannot connect");
        assertThat(output).contains("configuration etc/io.berth.core.catalog.config line 1, key 'max_cpu_cores': "
                + "the value I\"many\" is not a number of type I");
        assertThat(output).doesNotContain("not-logged-secret");
    }

    private static Process start(Path home, int port, Map<String, String> env, Path log) throws IOException {
        Path script = TestRuntime.distribution().getParent().resolve("bin").resolve("berth");
        ProcessBuilder builder = new ProcessBuilder(List.of(script.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BERTH_HOME", home.toString());
        builder.environment().put("BERTH_HTTP_PORT", Integer.toString(port));
        builder.environment().put("BERTH_SHELL_PORT", Integer.toString(TestRuntime.freePort()));
        builder.environment().put("BERTH_ADMIN_EMAIL", TestRuntime.ADMIN_EMAIL);
        builder.environment().put("BERTH_ADMIN_PASSWORD", TestRuntime.ADMIN_PASSWORD);
        builder.environment().putAll(env);
        return builder.start();
    }

    private String awaitHealth(int port, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == status) {
                    return r.body();
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(300);
        }
        throw new AssertionError("health never answered " + status + " within " + timeout + "; last: " + last);
    }
}
