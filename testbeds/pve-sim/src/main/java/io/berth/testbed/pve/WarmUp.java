package io.berth.testbed.pve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms the JIT of this JVM before a simulator serves a benchmark: runs provisionings (the requests
 * a provider makes to clone, configure, resize and start a VM and to wait for its guest agent)
 * against a throwaway simulator with {@link LatencyProfile#FAST} latencies (request latency and storage
 * lock holds of 1 ms instead of none) over HTTPS, then closes
 * it. The simulator that serves afterwards starts from its initial state (no VMs, tasks or request
 * counts of the warm-up); only the JVM's compiled code is shared. Without it a freshly started
 * simulator spends about as much CPU compiling as answering during the first thousands of requests.
 */
public final class WarmUp {

    private static final int THREADS = 64;

    private final HttpClient client;
    private final URI api;
    private final String auth;
    private final ObjectMapper json = new ObjectMapper();

    private WarmUp(PveSimulator sim) {
        this.client = HttpClient.newBuilder().sslContext(sim.clientSslContext()).connectTimeout(Duration.ofSeconds(5))
                .build();
        this.api = sim.apiUri();
        this.auth = "PVEAPIToken=" + sim.tokenId() + "=" + sim.tokenSecret();
    }

    /**
     * Runs {@code provisions} provisionings (64 at a time) against a throwaway simulator.
     * @return the number of API requests made
     */
    public static int run(int provisions) throws InterruptedException {
        if (provisions <= 0) {
            return 0;
        }
        AtomicInteger requests = new AtomicInteger();
        // FAST, but with the waits REALISTIC has (request latency, storage locks held) at 1 ms: the code that
        // sleeps and queues is compiled as it will run, not deoptimised at the first real wait
        Duration ms = Duration.ofMillis(1);
        Latencies latencies = LatencyProfile.FAST.latencies().toBuilder().request(ms).localStorageLockHold(ms)
                .sharedStorageLockHold(ms).build();
        try (PveSimulator sim = PveSimulator.start(SimOptions.builder().latencies(latencies).seed(1L).nodeCount(3)
                .build())) {
            WarmUp w = new WarmUp(sim);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
                Thread t = new Thread(r, "pve-sim-warm-up");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < provisions; i++) {
                    int n = i;
                    done.add(pool.submit(() -> {
                        w.provision(n, requests);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("warm-up failed: " + e.getCause(), e.getCause());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return requests.get();
    }

    private void provision(int n, AtomicInteger requests) throws IOException, InterruptedException {
        String node = "pve" + (n % 3 + 1);
        int vmid = 1000 + n;
        call("GET", "/version", null, requests);
        call("GET", "/cluster/resources", null, requests);
        call("GET", "/cluster/resources?type=vm", null, requests);
        call("GET", "/nodes/" + node + "/storage", null, requests);
        call("GET", "/cluster/nextid", null, requests);
        call("GET", "/cluster/nextid?vmid=" + vmid, null, requests);
        Map<String, String> clone = new LinkedHashMap<>();
        clone.put("newid", String.valueOf(vmid));
        clone.put("name", "warm-" + n);
        clone.put("target", node);
        clone.put("full", "0");
        clone.put("description", "berth-server-id: warm-" + n);
        waitTask("pve1", call("POST", "/nodes/pve1/qemu/9000/clone", clone, requests), requests);
        String vm = "/nodes/" + node + "/qemu/" + vmid;
        JsonNode config = call("GET", vm + "/config", null, requests);
        Map<String, String> change = new LinkedHashMap<>();
        change.put("cores", "1");
        change.put("memory", "1024");
        change.put("agent", "1");
        change.put("ciuser", "ubuntu");
        change.put("sshkeys", URLEncoder.encode("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB warm@up",
                StandardCharsets.UTF_8).replace("+", "%20"));
        change.put("ipconfig0", "ip=10.10.0." + (10 + n % 200) + "/22,gw=10.10.0.1");
        change.put("nameserver", "1.1.1.1 9.9.9.9");
        change.put("tags", "berth");
        change.put("description", "berth-server-id: warm-" + n);
        if (config.hasNonNull("digest")) {
            change.put("digest", config.get("digest").asText());
        }
        call("PUT", vm + "/config", change, requests);
        call("GET", vm + "/config", null, requests);
        waitTask(node, call("PUT", vm + "/resize", Map.of("disk", "scsi0", "size", "20G"), requests), requests);
        call("GET", vm + "/config", null, requests);
        waitTask(node, call("POST", vm + "/status/start", Map.of(), requests), requests);
        for (int i = 0; i < 200; i++) {
            call("GET", vm + "/status/current", null, requests);
            try {
                call("GET", vm + "/agent/network-get-interfaces", null, requests);
                return;
            } catch (IllegalStateException notYet) {
                Thread.sleep(10);
            }
        }
    }

    private void waitTask(String node, JsonNode upid, AtomicInteger requests) throws IOException, InterruptedException {
        String path = "/nodes/" + node + "/tasks/" + URLEncoder.encode(upid.asText(), StandardCharsets.UTF_8)
                + "/status";
        for (int i = 0; i < 1000; i++) {
            if ("stopped".equals(call("GET", path, null, requests).path("status").asText())) {
                return;
            }
            Thread.sleep(5);
        }
    }

    /** The request's {@code data}; IllegalStateException for an error status. */
    private JsonNode call(String method, String path, Map<String, String> form, AtomicInteger requests)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", auth)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30));
        if (form == null) {
            b.GET();
        } else {
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        requests.incrementAndGet();
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode root = r.body().isEmpty() ? json.nullNode() : json.readTree(r.body());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode());
        }
        return root.path("data");
    }
}
