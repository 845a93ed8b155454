package io.berth.testbed.pve.internal.api;

import io.berth.testbed.pve.ErrorKind;
import io.berth.testbed.pve.FaultPhase;
import io.berth.testbed.pve.Latencies;
import io.berth.testbed.pve.internal.PveError;
import io.berth.testbed.pve.internal.auth.AuthFailure;
import io.berth.testbed.pve.internal.auth.Authenticator;
import io.berth.testbed.pve.internal.auth.Identity;
import io.berth.testbed.pve.internal.faults.FaultInjector;
import io.berth.testbed.pve.internal.http.HttpHandler;
import io.berth.testbed.pve.internal.http.HttpRequest;
import io.berth.testbed.pve.internal.http.Outcome;
import io.berth.testbed.pve.internal.schema.SchemaValidator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Handles {@code /api2/json/…} in pveproxy's order: injected faults, authentication, finding
 * the method, merging path variables, the API-token restriction, proxying to the named node
 * (which must exist), parameter validation against the endpoint's schema, then the handler.
 * Anything under {@code /_sim/} goes to the control handler.
 */
public final class ApiDispatcher implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(ApiDispatcher.class.getName());

    private final List<Endpoint> endpoints;
    private final Authenticator authenticator;
    private final SchemaValidator validator;
    private final ParamDecoder decoder;
    private final ApiResponses responses;
    private final FaultInjector faults;
    private final Latencies latencies;
    private final Predicate<String> nodeExists;
    private final HttpHandler control;
    private final AtomicLong requests;
    private final Map<String, LongAdder> requestsByEndpoint = new ConcurrentHashMap<>();

    public ApiDispatcher(List<Endpoint> endpoints, Authenticator authenticator, SchemaValidator validator,
                         ParamDecoder decoder, ApiResponses responses, FaultInjector faults, Latencies latencies,
                         Predicate<String> nodeExists, HttpHandler control, AtomicLong requests) {
        this.endpoints = List.copyOf(endpoints);
        this.authenticator = authenticator;
        this.validator = validator;
        this.decoder = decoder;
        this.responses = responses;
        this.faults = faults;
        this.latencies = latencies;
        this.nodeExists = nodeExists;
        this.control = control;
        this.requests = requests;
    }

    @Override
    public Outcome handle(HttpRequest request) {
        String path = decodePath(request.rawPath());
        if (path.equals("/_sim") || path.startsWith("/_sim/")) {
            return control.handle(request);
        }
        if (!path.startsWith("/api2/")) {
            return Outcome.respond(responses.bare(501, "no such file '" + path + "'"));
        }
        String rest = path.substring("/api2/".length());
        int slash = rest.indexOf('/');
        String format = slash < 0 ? rest : rest.substring(0, slash);
        String rel = slash < 0 ? "" : rest.substring(slash);
        if (!format.equals("json")) {
            return Outcome.respond(responses.bare(501, "no such uri " + rel + ", " + format));
        }
        requests.incrementAndGet();
        sleep(latencies.request().plus(faults.requestLatency()));
        Optional<FaultInjector.RequestFault> fault = faults.requestFault(request.method(), rel);
        if (fault.isPresent() && fault.get().phase() == FaultPhase.BEFORE) {
            return faultOutcome(fault.get());
        }
        Outcome outcome = process(request, rel);
        if (fault.isPresent()) {
            return faultOutcome(fault.get());
        }
        return outcome;
    }

    private Outcome process(HttpRequest request, String rel) {
        String method = request.method();
        Identity identity;
        try {
            identity = authenticator.authenticate(method, rel, request.header("authorization"),
                    request.header("cookie"), request.header("csrfpreventiontoken"));
        } catch (AuthFailure e) {
            sleep(latencies.authFailureDelay());
            return Outcome.respond(responses.authFailure(e.getMessage()));
        }
        try {
            Map<String, Object> params = decoder.decode(request);
            Endpoint endpoint = null;
            Map<String, String> vars = null;
            String[] segments = PathTemplate.split(rel);
            for (Endpoint e : endpoints) {
                if (!e.method().equals(method)) {
                    continue;
                }
                Optional<Map<String, String>> m = e.path().match(segments);
                if (m.isPresent()) {
                    endpoint = e;
                    vars = m.get();
                    break;
                }
            }
            if (endpoint == null) {
                throw PveError.status(501, "Method '" + method + " " + rel + "' not implemented");
            }
            requestsByEndpoint.computeIfAbsent(method + " " + endpoint.path().text(), k -> new LongAdder())
                    .increment();
            for (Map.Entry<String, String> v : vars.entrySet()) {
                Object given = params.get(v.getKey());
                if (given != null && !SchemaValidator.perlString(given).equals(v.getValue())) {
                    throw PveError.param(v.getKey(), "duplicate parameter (already defined in URI) with conflicting values!");
                }
                params.put(v.getKey(), v.getValue());
            }
            if (identity != null && identity.viaToken() && !endpoint.allowToken()) {
                throw PveError.status(403, "Permission check failed (URI '" + rel
                        + "' not available with API token, need proper ticket.\n)");
            }
            if (endpoint.proxyToNode()) {
                String node = vars.get("node");
                if (!nodeExists.test(node)) {
                    throw PveError.of("hostname lookup '" + node + "' failed - failed to get address info for: "
                            + node + ": Name or service not known");
                }
            }
            Map<String, String> errors = validator.validateParams(endpoint.parameters(), params);
            if (!errors.isEmpty()) {
                throw PveError.param(errors);
            }
            ApiResult result = endpoint.handler().handle(new ApiCall(method, rel, new Params(params), identity));
            return Outcome.respond(responses.success(result));
        } catch (PveError e) {
            if (e.status() == 401) {
                sleep(latencies.authFailureDelay());
            }
            return Outcome.respond(responses.error(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Reset();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error handling " + method + " " + rel, e);
            return Outcome.respond(responses.error(PveError.of("internal error: " + e)));
        }
    }

    /** Requests by {@code "METHOD /path/{template}"}, sorted by that key. */
    public Map<String, Long> requestsByEndpoint() {
        Map<String, Long> out = new TreeMap<>();
        requestsByEndpoint.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private Outcome faultOutcome(FaultInjector.RequestFault fault) {
        ErrorKind kind = fault.kind();
        return switch (kind) {
            case HTTP_500 -> Outcome.respond(responses.error(PveError.of("cluster not ready - no quorum?")));
            case HTTP_503 -> Outcome.respond(responses.bare(503, "Service Unavailable"));
            case TIMEOUT -> new Outcome.Hang(fault.hang());
            case RESET -> new Outcome.Reset();
        };
    }

    /** Percent-decodes a path (but not {@code +}). */
    static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
