package io.berth.runtime;

import io.berth.testbed.pve.LatencyProfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.osgi.framework.BundleContext;

/**
 * The assembled Berth (runtime/target: system/ bundles and features/) started in this JVM through
 * the real launcher, with a fresh home, its own ports and an embedded PostgreSQL.
 */
public final class TestRuntime implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "correct-horse-battery";

    private final Launcher launcher;
    private final Path home;
    private final int httpPort;
    private final int shellPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestRuntime(Launcher launcher, Path home, int httpPort, int shellPort) {
        this.launcher = launcher;
        this.home = home;
        this.httpPort = httpPort;
        this.shellPort = shellPort;
    }

    public static TestRuntime start() throws Exception {
        return start(Files.createTempDirectory("berth-it-"), distribution());
    }

    /** Starts Berth on the given home (a restart when it was used before) from the given distribution. */
    public static TestRuntime start(Path home, Path distribution) throws Exception {
        int http = freePort();
        int shell = freePort();
        Settings settings = new Settings("127.0.0.1", http, shell, null, "berth", "", false, ADMIN_EMAIL, ADMIN_PASSWORD,
                true, LatencyProfile.FAST);
        Launcher launcher = new Launcher(Home.of(home, distribution), settings);
        launcher.start();
        TestRuntime runtime = new TestRuntime(launcher, home, http, shell);
        runtime.awaitHealthy(Duration.ofSeconds(90));
        return runtime;
    }

    public static Path distribution() {
        return Path.of(System.getProperty("berth.distribution", "target")).toAbsolutePath();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public io.berth.testbed.pve.PveSimulator simulator() {
        return launcher.demoSimulator();
    }

    public BundleContext context() {
        return launcher.framework().getBundleContext();
    }

    public boolean frameworkCacheReused() {
        return launcher.cacheReused();
    }

    public Path home() {
        return home;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public HttpResponse<String> get(String path, String basicUser, String basicPassword) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (basicUser != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpClient http() {
        return http;
    }

    /** Runs a Gogo command the way {@code bin/berth-shell} does; returns its output. */
    public String shell(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = Shell.run(home, shellPort, command, print, print);
        return "exit=" + status + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = get("/api/health", null, null);
                if (health.statusCode() == 200) {
                    return;
                }
                last = health.statusCode() + " " + health.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Berth did not become healthy in " + timeout + ": " + last);
    }

    /** Polls the condition every 200 ms until it yields a value; fails after 30 s. */
    public static <T> T await(Callable<Optional<T>> condition) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<T> value = condition.call();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("condition not met in 30 s");
    }

    @Override
    public void close() throws Exception {
        launcher.close();
    }
}
