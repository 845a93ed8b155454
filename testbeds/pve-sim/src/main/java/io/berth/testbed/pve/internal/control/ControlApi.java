package io.berth.testbed.pve.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.Faults;
import io.berth.testbed.pve.SimState;
import io.berth.testbed.pve.TaskView;
import io.berth.testbed.pve.VmView;
import io.berth.testbed.pve.internal.api.ApiResponses;
import io.berth.testbed.pve.internal.http.HttpHandler;
import io.berth.testbed.pve.internal.http.HttpRequest;
import io.berth.testbed.pve.internal.http.Outcome;
import java.io.IOException;

/**
 * The simulator's own control endpoint, outside {@code /api2} (and never faulted):
 * {@code GET|POST|DELETE /_sim/faults}, {@code GET /_sim/state}, {@code POST /_sim/reset}.
 * Plain JSON, no authentication (the simulator only listens on loopback).
 */
public final class ControlApi implements HttpHandler {

    private final Faults faults;
    private final SimState state;
    private final Runnable reset;
    private final ApiResponses responses;
    private final ObjectMapper json;

    public ControlApi(Faults faults, SimState state, Runnable reset, ApiResponses responses, ObjectMapper json) {
        this.faults = faults;
        this.state = state;
        this.reset = reset;
        this.responses = responses;
        this.json = json;
    }

    @Override
    public Outcome handle(HttpRequest request) {
        String path = request.rawPath();
        String method = request.method();
        switch (path) {
            case "/_sim/faults" -> {
                switch (method) {
                    case "GET" -> {
                        return ok(FaultsJson.toJson(faults.settings(), json));
                    }
                    case "POST", "PUT" -> {
                        try {
                            JsonNode patch = request.body().length == 0 ? json.createObjectNode() : json.readTree(request.body());
                            faults.set(FaultsJson.merge(faults.settings(), patch));
                            return ok(FaultsJson.toJson(faults.settings(), json));
                        } catch (IOException | IllegalArgumentException e) {
                            return error(400, "Bad Request", e.getMessage());
                        }
                    }
                    case "DELETE" -> {
                        faults.clear();
                        return ok(FaultsJson.toJson(faults.settings(), json));
                    }
                    default -> {
                        return error(405, "Method Not Allowed", method + " " + path);
                    }
                }
            }
            case "/_sim/state" -> {
                if (!method.equals("GET")) {
                    return error(405, "Method Not Allowed", method + " " + path);
                }
                return ok(stateJson());
            }
            case "/_sim/reset" -> {
                if (!method.equals("POST")) {
                    return error(405, "Method Not Allowed", method + " " + path);
                }
                reset.run();
                ObjectNode n = json.createObjectNode();
                n.put("reset", true);
                return ok(n);
            }
            default -> {
                return error(404, "Not Found", "no such control resource: " + path);
            }
        }
    }

    private ObjectNode stateJson() {
        ObjectNode root = json.createObjectNode();
        ArrayNode vms = root.putArray("vms");
        for (VmView vm : state.vms()) {
            ObjectNode n = vms.addObject();
            n.put("vmid", vm.vmid());
            n.put("node", vm.node());
            n.put("name", vm.name());
            n.put("status", vm.status());
            n.put("lock", vm.lock());
            n.put("template", vm.template());
            ArrayNode tags = n.putArray("tags");
            vm.tags().forEach(tags::add);
            ObjectNode config = n.putObject("config");
            vm.config().forEach(config::put);
            ObjectNode pending = n.putObject("pending");
            vm.pending().forEach(pending::put);
        }
        ObjectNode clones = root.putObject("cloneRequests");
        state.cloneRequests().forEach((k, v) -> clones.put(Integer.toString(k), v));
        ArrayNode tasks = root.putArray("tasks");
        for (TaskView t : state.tasks()) {
            ObjectNode n = tasks.addObject();
            n.put("upid", t.upid());
            n.put("type", t.type());
            n.put("id", t.id());
            n.put("node", t.node());
            n.put("status", t.running() ? "running" : "stopped");
            n.put("exitstatus", t.exitStatus());
        }
        root.put("apiRequests", state.apiRequests());
        ObjectNode byEndpoint = root.putObject("apiRequestsByEndpoint");
        state.apiRequestsByEndpoint().forEach(byEndpoint::put);
        root.set("faults", FaultsJson.toJson(faults.settings(), json));
        return root;
    }

    private Outcome ok(JsonNode body) {
        return Outcome.respond(responses.plainJson(200, "OK", body));
    }

    private Outcome error(int status, String reason, String message) {
        ObjectNode n = json.createObjectNode();
        n.put("error", message);
        return Outcome.respond(responses.plainJson(status, reason, n));
    }
}
