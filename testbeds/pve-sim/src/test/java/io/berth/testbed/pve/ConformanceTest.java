package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.testbed.pve.internal.api.Endpoint;
import io.berth.testbed.pve.internal.api.ParamDecoder;
import io.berth.testbed.pve.internal.schema.Formats;
import io.berth.testbed.pve.internal.schema.Schema;
import io.berth.testbed.pve.internal.schema.SchemaValidator;
import io.berth.testbed.pve.support.ApiResponse;
import io.berth.testbed.pve.support.ApiSchema;
import io.berth.testbed.pve.support.Exchange;
import io.berth.testbed.pve.support.PveClient;
import io.berth.testbed.pve.support.SchemaComparison;
import io.berth.testbed.pve.support.SshKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the simulator against the official PVE 9 API schema ({@code apidoc.json} from the
 * shared reference folder beside the repository; skipped when it is absent):
 * <ol>
 *   <li>every method the simulator implements exists there with the same token/proxy flags, and
 *       the simulator's parameter model has the documented parameters and constraints;</li>
 *   <li>every request and answer of a scripted full VM lifecycle (recorded on the wire) is valid:
 *       accepted requests validate against the documented parameters, answers against the
 *       documented return schema (property strings included) with no undocumented properties,
 *       refused requests are also invalid by the documentation, errors have PVE's envelope.</li>
 * </ol>
 */
class ConformanceTest {

    /** Property strings whose keys the simulator does not model (accepts any value): drives, machine. */
    private static final Set<String> LOOSER = Set.of("ide[n]", "sata[n]", "scsi[n]", "virtio[n]", "machine");

    /** 400 answers that come from handler logic, not from the schema (PVE raises them in code too). */
    private static final List<String> SEMANTIC_400 = List.of("already exists", "unknown option", "duplicate parameter",
            "no such task", "unable to parse worker upid", "at the same time");

    private static ApiSchema apidoc;
    private static String missing;
    private static PveSimulator sim;
    private final SchemaValidator validator = new SchemaValidator(new Formats());

    @BeforeAll
    static void load() throws Exception {
        Optional<Path> file = ApiSchema.locate();
        if (file.isEmpty()) {
            missing = "apidoc.json not found: looked for shared/reference/proxmox/apidoc.json in every directory above "
                    + Path.of("").toAbsolutePath() + " (or -Dpve.apidoc=<file>); the PVE API schema is reference data"
                    + " beside the repository, not part of it, so the conformance test is skipped";
            return;
        }
        apidoc = ApiSchema.load(file.get());
        sim = PveSimulator.start(SimOptions.builder().profile(LatencyProfile.FAST).seed(11)
                .latencies(LatencyProfile.FAST.latencies().toBuilder().agentStartup(Duration.ofMillis(300)).build())
                .build());
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    void requireSchema() {
        Assumptions.assumeTrue(apidoc != null, missing);
    }

    @Test
    void theParameterModelIsTheDocumentedOne() {
        List<String> problems = new ArrayList<>();
        SchemaComparison comparison = new SchemaComparison(LOOSER);
        for (Endpoint e : sim.endpoints()) {
            String where = e.method() + " " + e.path().text();
            Optional<ApiSchema.Method> doc = apidoc.method(e.path().text(), e.method());
            if (doc.isEmpty()) {
                problems.add(where + ": not in the API schema");
                continue;
            }
            if (doc.get().allowToken() != e.allowToken()) {
                problems.add(where + ": allowtoken " + e.allowToken() + " vs documented " + doc.get().allowToken());
            }
            if ("node".equals(doc.get().proxyTo()) != e.proxyToNode()) {
                problems.add(where + ": proxyto node " + e.proxyToNode() + " vs documented " + doc.get().proxyTo());
            }
            Map<String, Schema> documented = doc.get().parameters().properties();
            e.parameters().properties().forEach((name, model) -> {
                Schema d = documented.get(name);
                if (d == null) {
                    problems.add(where + " " + name + ": parameter not documented");
                } else {
                    comparison.compare(where, name, model, d, problems);
                }
            });
            documented.forEach((name, d) -> {
                if (!d.optional() && !e.parameters().properties().containsKey(name)) {
                    problems.add(where + " " + name + ": required parameter missing from the model");
                }
            });
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void aFullLifecycleStaysWithinTheDocumentedApi() {
        PveClient api = PveClient.withToken(sim);
        PveClient ticket = new PveClient(sim);
        runLifecycle(api, ticket);

        List<Exchange> exchanges = new ArrayList<>(ticket.exchanges());
        exchanges.addAll(api.exchanges());
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (Exchange x : exchanges) {
            check(x, problems, covered);
        }
        Set<String> implemented = new TreeSet<>();
        sim.endpoints().forEach(e -> implemented.add(e.method() + " " + e.path().text()));
        implemented.removeAll(covered);
        assertThat(implemented).as("endpoints never answered 200 in the lifecycle").isEmpty();
        assertThat(exchanges).hasSizeGreaterThan(60);
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    private void check(Exchange x, List<String> problems, Set<String> covered) {
        String where = x.method() + " " + x.path() + " " + x.params() + " -> " + x.status();
        var found = apidoc.find(x.method(), x.path());
        if (found.isEmpty()) {
            if (x.status() != 501) {
                problems.add(where + ": not a documented method, yet not answered 501");
            }
            checkError(where, x, problems);
            return;
        }
        ApiSchema.Method doc = found.get().getKey();
        Map<String, Object> params = new LinkedHashMap<>(x.params());
        params.putAll(found.get().getValue());
        Map<String, String> requestErrors = validator.validateParams(doc.parameters(), params);
        if (x.status() == 200) {
            covered.add(x.method() + " " + doc.path());
            if (!requestErrors.isEmpty()) {
                problems.add(where + ": accepted, but the documentation refuses it: " + requestErrors);
            }
            checkSuccess(where, doc, x, problems);
            return;
        }
        checkError(where, x, problems);
        if (x.status() == 400 && x.body() != null && x.body().has("errors")) {
            String text = x.body().get("errors").toString();
            boolean semantic = SEMANTIC_400.stream().anyMatch(text::contains);
            if (!semantic) {
                Set<String> simKeys = new LinkedHashSet<>();
                x.body().get("errors").fieldNames().forEachRemaining(simKeys::add);
                if (!requestErrors.keySet().containsAll(simKeys)) {
                    problems.add(where + ": refused " + simKeys + " but the documentation only objects to "
                            + requestErrors.keySet());
                }
            }
        }
    }

    private void checkSuccess(String where, ApiSchema.Method doc, Exchange x, List<String> problems) {
        JsonNode body = x.body();
        Set<String> fields = new TreeSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        fields.remove("data");
        fields.remove("total");
        if (!fields.isEmpty() || !body.has("data")) {
            problems.add(where + ": envelope has " + fields);
        }
        Object data = ParamDecoder.toJava(body.get("data"));
        Map<String, String> errors = validator.validate(doc.returns(), data);
        if (!errors.isEmpty()) {
            problems.add(where + ": answer does not match the return schema: " + errors);
        }
        List<String> undocumented = new ArrayList<>();
        undocumented(doc.returns(), data, "data", undocumented);
        if (!undocumented.isEmpty()) {
            problems.add(where + ": undocumented properties " + undocumented);
        }
    }

    private static void checkError(String where, Exchange x, List<String> problems) {
        if (x.status() == 401 && x.body() == null) {
            return; // pveproxy's authentication handler: reason phrase only (a failed login is a handler error)
        }
        JsonNode body = x.body();
        if (body == null || !body.has("data") || !body.get("data").isNull()) {
            problems.add(where + ": error answer without {\"data\":null}");
            return;
        }
        Set<String> fields = new TreeSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(Set.of("data", "message", "errors"));
        if (!fields.isEmpty()) {
            problems.add(where + ": unexpected error fields " + fields);
        }
        if (!body.path("message").asText("").endsWith("\n")) {
            problems.add(where + ": message should end with a newline as PVE's do");
        }
    }

    @SuppressWarnings("unchecked")
    private static void undocumented(Schema schema, Object value, String path, List<String> out) {
        if (value instanceof Map<?, ?> map && schema.properties() != null) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Optional<Schema> s = schema.property(key);
                if (s.isEmpty()) {
                    out.add(path + "." + key);
                } else {
                    undocumented(s.get(), e.getValue(), path + "." + key, out);
                }
            }
        } else if (value instanceof List<?> list && schema.items() != null) {
            for (int i = 0; i < list.size(); i++) {
                undocumented(schema.items(), list.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** Everything a provider does with a VM, plus the usual mistakes, over the wire. */
    private void runLifecycle(PveClient api, PveClient ticket) {
        assertThat(ticket.login("root@pam", sim.password()).ok()).isTrue();
        ticket.get("/cluster/resources", Map.of("type", "node"));
        ticket.post("/access/ticket", Map.of("username", "root@pam", "password", "wrong"));
        ticket.post("/access/ticket", Map.of("username", "root@pam", "password", sim.password(), "otp", "123456"));

        api.get("/version");
        api.get("/nodes");
        api.get("/nodes/pve1/storage");
        api.get("/nodes/pve2/storage", Map.of("content", "images", "enabled", "1"));
        api.get("/cluster/resources");
        for (String type : List.of("vm", "storage", "node", "sdn")) {
            api.get("/cluster/resources", Map.of("type", type));
        }
        String id = api.get("/cluster/nextid").data().asText();
        String linkedId = Integer.toString(Integer.parseInt(id) + 1);
        api.get("/cluster/nextid", Map.of("vmid", "4000"));
        api.get("/cluster/nextid", Map.of("vmid", "9000"));
        api.get("/nodes/pve1/qemu");
        api.get("/nodes/pve1/qemu", Map.of("full", "1"));
        api.get("/nodes/pve1/qemu/9000/config");
        api.get("/nodes/pve1/qemu/9000/status/current");

        String clone = api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", id, "name", "conformance-1", "full", "1",
                "target", "pve2", "description", "made by the conformance test")).data().asText();
        api.get("/nodes/pve1/tasks/" + clone + "/status");
        api.waitForTask(clone, Duration.ofSeconds(10));
        api.get("/nodes/pve1/tasks/" + clone + "/log");
        api.get("/nodes/pve1/tasks/" + clone + "/log", Map.of("start", "1", "limit", "2"));
        api.get("/nodes/pve1/tasks");
        api.get("/nodes/pve1/tasks", Map.of("source", "all", "since", "0", "limit", "500", "typefilter", "qmclone"));
        String linked = api.post("/nodes/pve1/qemu/9001/clone", Map.of("newid", linkedId, "full", "0")).data().asText();
        api.waitForTask(linked, Duration.ofSeconds(10));

        String vm = "/nodes/pve2/qemu/" + id;
        api.get(vm + "/config");
        String keys = URLEncoder.encode(SshKeys.ed25519(5, "ops@berth"), StandardCharsets.UTF_8).replace("+", "%20");
        Map<String, String> update = new LinkedHashMap<>();
        update.put("cores", "2");
        update.put("sockets", "1");
        update.put("memory", "3072");
        update.put("ciuser", "berth");
        update.put("sshkeys", keys);
        update.put("ipconfig0", "ip=10.44.0.7/24,gw=10.44.0.1");
        update.put("nameserver", "10.44.0.1");
        update.put("searchdomain", "berth.internal");
        update.put("tags", "berth;customer-42");
        update.put("description", "server 42");
        update.put("agent", "enabled=1");
        update.put("name", "srv-42");
        update.put("net1", "virtio,bridge=vmbr1,firewall=1");
        update.put("scsi1", "ceph-vm:4");
        update.put("onboot", "1");
        api.waitForTask(api.post(vm + "/config", update).data().asText(), Duration.ofSeconds(10));
        String digest = api.get(vm + "/config").data().get("digest").asText();
        api.put(vm + "/config", Map.of("cipassword", "changeme", "delete", "onboot", "digest", digest));
        api.put(vm + "/config", Map.of("cores", "two"));
        api.put(vm + "/config", Map.of("sshkeys", "ssh-ed25519 AAAA"));
        api.put(vm + "/config", Map.of("ostype", "linux"));
        api.get(vm + "/config", Map.of("current", "1"));
        api.waitForTask(api.put(vm + "/resize", Map.of("disk", "scsi0", "size", "+1G")).data().asText(), Duration.ofSeconds(10));
        api.put(vm + "/resize", Map.of("disk", "scsi99", "size", "+1G"));
        api.get(vm + "/status/current");
        api.waitForTask(api.post(vm + "/status/start", Map.of()).data().asText(), Duration.ofSeconds(10));
        api.get(vm + "/status/current");
        for (int i = 0; i < 100 && !api.get(vm + "/agent/network-get-interfaces").ok(); i++) {
            PveClient.sleep(20);
        }
        api.post(vm + "/agent/ping", Map.of());
        api.get("/cluster/resources", Map.of("type", "vm"));
        api.get("/nodes/pve2/qemu", Map.of("full", "1"));
        api.waitForTask(api.post(vm + "/status/reboot", Map.of("timeout", "30")).data().asText(), Duration.ofSeconds(10));
        api.waitForTask(api.post(vm + "/status/reset", Map.of()).data().asText(), Duration.ofSeconds(10));
        api.waitForTask(api.post(vm + "/status/shutdown", Map.of("forceStop", "1", "timeout", "10")).data().asText(),
                Duration.ofSeconds(10));
        api.waitForTask(api.post(vm + "/status/start", Map.of()).data().asText(), Duration.ofSeconds(10));
        api.delete(vm, Map.of("purge", "1"));
        api.waitForTask(api.post(vm + "/status/stop", Map.of("overrule-shutdown", "1")).data().asText(), Duration.ofSeconds(10));
        api.waitForTask(api.delete(vm, Map.of("purge", "1", "destroy-unreferenced-disks", "1")).data().asText(),
                Duration.ofSeconds(10));
        api.waitForTask(api.delete("/nodes/pve1/qemu/" + linkedId, Map.of("purge", "1")).data().asText(), Duration.ofSeconds(10));

        ApiResponse exists = api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "9001"));
        assertThat(exists.status()).isEqualTo(500);
        api.post("/nodes/pve1/qemu/9000/clone", Map.of("full", "1"));
        api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "99"));
        api.post("/nodes/pve1/qemu/9000/clone", Map.of("newid", "777", "format", "ova"));
        api.get("/cluster/resources", Map.of("type", "lxc"));
        api.get("/nodes/pve1/qemu/9000/agent/network-get-interfaces");
        api.get("/nodes/pve1/qemu/123/config");
        api.get("/nodes/pve1/tasks/UPID:pve1:00000001:00000001:00000001:qmstart:1:root@pam:/status");
        api.get("/nodes/pve1/no-such-thing");
        api.get("/nodes/pve9/qemu");
        new PveClient(sim).get("/nodes");
    }
}
