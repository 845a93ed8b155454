package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 during provisioning: Berth runs as its own process against the Proxmox VE simulator (its
 * own process too, realistic latencies), is killed while 20 servers provision, and restarted. Every
 * server must end running, and the simulator must have accepted exactly one clone per server.
 */
class CrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void serversOrderedBeforeASigkillAllEndRunningWithOneCloneEach() throws Exception {
        int simPort = TestRuntime.freePort();
        String secret = UUID.randomUUID().toString();
        ProcessBuilder simulator = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "io.berth.testbed.pve.Main",
                "--port", Integer.toString(simPort), "--profile", "realistic")).redirectErrorStream(true);
        simulator.environment().put("PVE_SIM_TOKEN_SECRET", secret);
        Process sim = simulator.start();
        processes.add(sim);
        String fingerprint = fingerprint(sim);

        Path home = Files.createTempDirectory("berth-crash-");
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/io.berth.provider.proxmox-crash.config"), String.join("\n",
                "berth.hypervisor.id=\"pve-crash\"",
                "api.url=\"https://127.0.0.1:" + simPort + "\"",
                "token.id=\"root@pam!berth\"",
                ".token.secret=\"" + secret + "\"",
                "tls.fingerprint.sha256=\"" + fingerprint + "\"", ""));
        Files.writeString(home.resolve("etc/io.berth.core.catalog.config"),
                "images=[\"pve-crash|pve1/9000|Ubuntu 24.04|ubuntu|10|linked\"]\n");
        int port = TestRuntime.freePort();
        ProcessApi api = new ProcessApi(port);
        Process berth = start(home, port, home.resolve("berth-1.log"));
        api.awaitHealth();
        String admin = api.login(TestRuntime.ADMIN_EMAIL, TestRuntime.ADMIN_PASSWORD);
        JsonNode user = JSON.readTree(api.call("POST", "/api/admin/users", admin, Map.of("email", "crash@example.com",
                "password", "crash-password-1", "quotas", Map.of("servers", 20, "subdomains", 2))).body());
        assertThat(user.path("id").asText()).isNotEmpty();
        String token = api.login("crash@example.com", "crash-password-1");
        String image = JSON.readTree(api.call("GET", "/api/images", token, null).body()).get(0).path("id").asText();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> made = api.call("POST", "/api/servers", token, Map.of("name", "crash-" + i,
                    "image_id", image, "cpu_cores", 1, "memory_mb", 1024, "disk_gb", 10));
            assertThat(made.statusCode()).as(made.body()).isEqualTo(202);
            ids.add(JSON.readTree(made.body()).path("id").asText());
        }
        // kill it once the clones are under way, before the servers are all running (the clones
        // themselves may all have been accepted by then: they run in parallel)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acceptedClones(simPort) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(acceptedClones(simPort)).isGreaterThanOrEqualTo(3);
        int runningAtKill = JSON.readTree(api.call("GET", "/api/servers?status=running", token, null).body())
                .path("items").size();
        assertThat(runningAtKill).as("servers running when killed").isLessThan(20);
        berth.destroyForcibly();
        assertThat(berth.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(berth.exitValue()).isEqualTo(137);

        Process again = start(home, port, home.resolve("berth-2.log"));
        api.awaitHealth();
        String token2 = api.login("crash@example.com", "crash-password-1");
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        Map<String, String> status = new HashMap<>();
        while (System.nanoTime() < until) {
            status.clear();
            for (String id : ids) {
                status.put(id, JSON.readTree(api.call("GET", "/api/servers/" + id, token2, null).body())
                        .path("status").asText());
            }
            if (status.values().stream().allMatch("running"::equals)) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(status.values()).as(status.toString()).allMatch("running"::equals);

        JsonNode state = simState(simPort);
        Map<String, Integer> vmsPerName = new HashMap<>();
        List<Integer> vmids = new ArrayList<>();
        for (JsonNode vm : state.path("vms")) {
            if (!vm.path("template").asBoolean() && vm.path("name").asText().startsWith("crash-")) {
                vmsPerName.merge(vm.path("name").asText(), 1, Integer::sum);
                vmids.add(vm.path("vmid").asInt());
            }
        }
        assertThat(vmsPerName).hasSize(20).allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1));
        for (int vmid : vmids) {
            assertThat(state.path("cloneRequests").path(Integer.toString(vmid)).asInt())
                    .as("clones accepted for " + vmid).isEqualTo(1);
        }
        again.destroy();
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private Process start(Path home, int port, Path log) throws IOException {
        Path script = TestRuntime.distribution().getParent().resolve("bin").resolve("berth");
        ProcessBuilder builder = new ProcessBuilder(List.of(script.toString())).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BERTH_HOME", home.toString());
        builder.environment().put("BERTH_HTTP_PORT", Integer.toString(port));
        builder.environment().put("BERTH_SHELL_PORT", "0");
        builder.environment().put("BERTH_ADMIN_EMAIL", TestRuntime.ADMIN_EMAIL);
        builder.environment().put("BERTH_ADMIN_PASSWORD", TestRuntime.ADMIN_PASSWORD);
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    private static String fingerprint(Process sim) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.trim().startsWith("fingerprint:")) {
                String fingerprint = line.substring(line.indexOf(':') + 1).trim();
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ignored) {
                        // the simulator ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return fingerprint;
            }
        }
        throw new IllegalStateException("the simulator printed no fingerprint");
    }

    private int acceptedClones(int simPort) throws Exception {
        int total = 0;
        for (JsonNode n : simState(simPort).path("cloneRequests")) {
            total += n.asInt();
        }
        return total;
    }

    private JsonNode simState(int simPort) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + simPort + "/_sim/state")).build();
        return JSON.readTree(insecureForControlEndpoint().send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The control endpoint is the test's own view into the simulator (not Berth's connection). */
    private static HttpClient insecureForControlEndpoint() throws Exception {
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }
}
