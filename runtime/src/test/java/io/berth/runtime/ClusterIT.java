package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes, each its own process, share one PostgreSQL and one cluster of the test hypervisor
 * (the plug-in bundle {@code io.berth.testbed.hypervisor}, hot-deployed into each runtime's
 * {@code deploy/}, with VMs kept in a directory both see). A hundred servers ordered through both
 * nodes all run; the hypervisor's journal shows that both nodes did work and that every server was
 * cloned and started exactly once. Then power actions and terminations, again through both nodes.
 */
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SERVERS = 100;

    private final List<Process> processes = new ArrayList<>();
    private EmbeddedDatabase database;

    @AfterEach
    void stop() throws IOException {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                p.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.destroyForcibly();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void twoRuntimesOnOneDatabaseRunEveryJobOnceBetweenThem() throws Exception {
        // under target/, so the logs stay for a look after a failure and go with mvn clean
        Path root = Files.createTempDirectory(TestRuntime.distribution(), "cluster-");
        Path cluster = Files.createDirectories(root.resolve("cluster"));
        database = EmbeddedDatabase.start(root.resolve("postgres"));
        Path bundle = testHypervisorBundle();

        int portA = TestRuntime.freePort();
        int portB = TestRuntime.freePort();
        Path homeA = home(root.resolve("a"), cluster);
        Path homeB = home(root.resolve("b"), cluster);
        ProcessApi a = new ProcessApi(portA);
        ProcessApi b = new ProcessApi(portB);
        start(homeA, portA);
        a.awaitHealth();
        start(homeB, portB);
        b.awaitHealth();
        // the plug-in arrives while both run
        Files.copy(bundle, homeA.resolve("deploy").resolve(bundle.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(bundle, homeB.resolve("deploy").resolve(bundle.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        awaitHypervisor(a);
        awaitHypervisor(b);

        String admin = a.login(TestRuntime.ADMIN_EMAIL, TestRuntime.ADMIN_PASSWORD);
        HttpResponse<String> user = a.call("POST", "/api/admin/users", admin, Map.of("email", "cluster@example.com",
                "password", "cluster-password-1", "quotas", Map.of("servers", SERVERS, "subdomains", 2)));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String token = b.login("cluster@example.com", "cluster-password-1");
        assertThat(a.call("GET", "/api/users/me", token, null).statusCode())
                .as("a token of one node is good on the other").isEqualTo(200);
        String image = JSON.readTree(a.call("GET", "/api/images", token, null).body()).get(0).path("id").asText();

        // half the orders through each node, all at once
        List<CompletableFuture<HttpResponse<String>>> orders = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            ProcessApi node = i % 2 == 0 ? a : b;
            orders.add(node.callAsync("POST", "/api/servers", token, Map.of("name", "node-" + i, "image_id", image,
                    "cpu_cores", 1, "memory_mb", 1024, "disk_gb", 10)));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> order : orders) {
            HttpResponse<String> made = order.get(60, TimeUnit.SECONDS);
            assertThat(made.statusCode()).as(made.body()).isEqualTo(202);
            ids.add(JSON.readTree(made.body()).path("id").asText());
        }
        Map<String, JsonNode> servers = awaitAll(a, token, ids, "running", Duration.ofMinutes(4));
        assertThat(servers.values()).allSatisfy(s -> assertThat(s.path("ip_address").asText()).startsWith("10.10.0."));
        assertThat(servers.values().stream().map(s -> s.path("ip_address").asText()).distinct()).hasSize(SERVERS);

        List<String[]> journal = journal(cluster);
        Map<String, Long> clones = count(journal, "clone");
        Map<String, Long> starts = count(journal, "start");
        assertThat(clones).as("one clone per server").hasSize(SERVERS).containsOnlyKeys(ids)
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(starts).as("one start per server").hasSize(SERVERS)
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        Set<String> workers = journal.stream().filter(l -> l[1].equals("clone")).map(l -> l[4]).collect(Collectors.toSet());
        assertThat(workers).as("both nodes ran jobs").hasSize(2);

        // power actions through B, terminations through A, on servers the other node may have made
        List<String> stopped = ids.subList(0, 10);
        List<String> deleted = ids.subList(10, 20);
        Map<String, String> expected = new HashMap<>();
        ids.forEach(id -> expected.put(id, "running"));
        assertThat(firstPage(a, token)).isEqualTo(firstPage(b, token)).hasSize(25).containsValue("running");
        for (String id : stopped) {
            HttpResponse<String> r = b.call("POST", "/api/servers/" + id + "/actions", token, Map.of("action", "stop"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        for (String id : deleted) {
            HttpResponse<String> r = a.call("DELETE", "/api/servers/" + id, token, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
        awaitAll(b, token, stopped, "stopped", Duration.ofMinutes(2));
        awaitAll(b, token, deleted, "terminated", Duration.ofMinutes(2));
        // each node's list (kept in memory) has learnt the other node's changes
        stopped.forEach(id -> expected.put(id, "stopped"));
        deleted.forEach(expected::remove);
        for (ProcessApi node : List.of(a, b)) {
            awaitFirstPage(node, token, expected);
        }
        journal = journal(cluster);
        // terminating a running server stops it first: one stop for each of the 20
        assertThat(count(journal, "stop")).containsOnlyKeys(ids.subList(0, 20))
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(count(journal, "delete")).hasSize(10).containsOnlyKeys(deleted)
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        try (var vms = Files.list(cluster.resolve("vms"))) {
            assertThat(vms.filter(p -> p.toString().endsWith(".vm"))).hasSize(SERVERS - deleted.size());
        }
    }

    /** The test hypervisor bundle, built by the reactor and on this test's class path. */
    private static Path testHypervisorBundle() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of)
                .filter(p -> p.getFileName().toString().startsWith("io.berth.testbed.hypervisor")
                        && p.toString().endsWith(".jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("io.berth.testbed.hypervisor jar not on the class path"));
    }

    private Path home(Path home, Path cluster) throws IOException {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/io.berth.testbed.hypervisor-cluster.config"), String.join("\n",
                "berth.hypervisor.id=\"files\"",
                "directory=\"" + cluster + "\"", ""));
        Files.writeString(home.resolve("etc/io.berth.core.catalog.config"),
                "images=[\"files|tmpl-1|Test Image|ubuntu|10|full\"]\n");
        return home;
    }

    private void start(Path home, int port) throws IOException {
        Path script = TestRuntime.distribution().getParent().resolve("bin").resolve("berth");
        ProcessBuilder builder = new ProcessBuilder(List.of(script.toString())).redirectErrorStream(true)
                .redirectOutput(home.resolve("berth.log").toFile());
        builder.environment().put("BERTH_HOME", home.toString());
        builder.environment().put("BERTH_HTTP_PORT", Integer.toString(port));
        builder.environment().put("BERTH_SHELL_PORT", "0");
        builder.environment().put("BERTH_DEMO", "false");
        builder.environment().put("BERTH_DB_URL", database.url());
        builder.environment().put("BERTH_DB_USER", database.user());
        builder.environment().put("BERTH_DB_PASSWORD", "");
        builder.environment().put("BERTH_ADMIN_EMAIL", TestRuntime.ADMIN_EMAIL);
        builder.environment().put("BERTH_ADMIN_PASSWORD", TestRuntime.ADMIN_PASSWORD);
        processes.add(builder.start());
    }

    /** The node's answer to the dashboard's list: server id to status, in order. */
    private static Map<String, String> firstPage(ProcessApi api, String token) throws Exception {
        HttpResponse<String> r = api.call("GET", "/api/servers", token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, String> page = new LinkedHashMap<>();
        for (JsonNode s : JSON.readTree(r.body()).path("items")) {
            page.put(s.path("id").asText(), s.path("status").asText());
        }
        return page;
    }

    /** Waits until the node's list shows a full first page, every server in the expected status. */
    private static void awaitFirstPage(ProcessApi api, String token, Map<String, String> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, String> page = Map.of();
        while (System.nanoTime() < deadline) {
            page = firstPage(api, token);
            if (page.size() == 25 && page.entrySet().stream().allMatch(e -> e.getValue().equals(expected.get(e.getKey())))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the list never matched the servers' states: " + page);
    }

    private Map<String, JsonNode> awaitAll(ProcessApi api, String token, List<String> ids, String status, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, JsonNode> servers = new HashMap<>();
        while (true) {
            servers.clear();
            for (String id : ids) {
                servers.put(id, JSON.readTree(api.call("GET", "/api/servers/" + id, token, null).body()));
            }
            if (servers.values().stream().allMatch(s -> s.path("status").asText().equals(status))) {
                return servers;
            }
            if (System.nanoTime() > deadline) {
                Map<String, Long> by = servers.values().stream()
                        .collect(Collectors.groupingBy(s -> s.path("status").asText(), Collectors.counting()));
                throw new AssertionError("not all " + status + " after " + timeout + ": " + by);
            }
            Thread.sleep(500);
        }
    }

    /** Lines of the journal: time, operation, vm id, server id, actor (the process). */
    private static List<String[]> journal(Path cluster) throws IOException {
        return Files.readAllLines(cluster.resolve("journal.log")).stream().map(l -> l.split(" ")).toList();
    }

    private static Map<String, Long> count(List<String[]> journal, String operation) {
        return journal.stream().filter(l -> l[1].equals(operation))
                .collect(Collectors.groupingBy(l -> l[3], Collectors.counting()));
    }

    private void awaitHypervisor(ProcessApi api) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode check = JSON.readTree(api.call("GET", "/api/health", null, null).body())
                    .path("checks").path("hypervisor:files");
            if (check.path("status").asText().equals("UP")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the hot-deployed test hypervisor did not come up on " + api);
    }
}
