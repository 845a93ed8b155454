package io.berth.testbed.pve.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.testbed.pve.internal.api.PathTemplate;
import io.berth.testbed.pve.internal.schema.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official PVE API schema ({@code apidoc.json}, the api-viewer's {@code apiSchema} tree),
 * read from the shared reference folder beside the repository, turned into {@link Schema}
 * models. Test code only: the schema is not part of the project.
 */
public final class ApiSchema {

    private static final Pattern INDEX_RANGE = Pattern.compile("\\(n is 0 to (\\d+)\\)");
    private static final String RELATIVE = "shared/reference/proxmox/apidoc.json";

    /**
     * One documented method.
     *
     * @param path       the path template, e.g. {@code /nodes/{node}/qemu/{vmid}/clone}
     * @param method     GET, POST, PUT or DELETE
     * @param parameters the parameter schema
     * @param returns    the return schema
     * @param allowToken the {@code allowtoken} flag (default 1)
     * @param proxyTo    the {@code proxyto} parameter name, or null
     */
    public record Method(String path, String method, Schema parameters, Schema returns, boolean allowToken,
                         String proxyTo) {
    }

    private final Map<String, Map<String, Method>> byPath = new LinkedHashMap<>();
    private final List<PathTemplate> templates = new ArrayList<>();

    private ApiSchema() {
    }

    /** Where {@code apidoc.json} is: {@code -Dpve.apidoc=…}, else walking up from the working directory. */
    public static Optional<Path> locate() {
        String override = System.getProperty("pve.apidoc");
        if (override != null) {
            Path p = Path.of(override);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static ApiSchema load(Path file) throws IOException {
        ApiSchema schema = new ApiSchema();
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        schema.walk(root);
        return schema;
    }

    private void walk(JsonNode nodes) {
        for (JsonNode n : nodes) {
            String path = n.path("path").asText();
            JsonNode info = n.get("info");
            if (info != null) {
                Map<String, Method> methods = new LinkedHashMap<>();
                info.fields().forEachRemaining(e -> {
                    JsonNode m = e.getValue();
                    JsonNode params = m.path("parameters");
                    methods.put(e.getKey(), new Method(path, e.getKey(),
                            params.isMissingNode() ? Schema.builder("object").properties(Map.of()).additionalProperties(false).build()
                                    : objectSchema(params),
                            m.has("returns") ? toSchema(m.get("returns")) : Schema.builder(null).build(),
                            m.path("allowtoken").asInt(1) == 1,
                            m.hasNonNull("proxyto") ? m.get("proxyto").asText() : null));
                });
                byPath.put(path, methods);
                templates.add(new PathTemplate(path));
            }
            if (n.has("children")) {
                walk(n.get("children"));
            }
        }
    }

    public Optional<Method> method(String templatePath, String httpMethod) {
        return Optional.ofNullable(byPath.getOrDefault(templatePath, Map.of()).get(httpMethod));
    }

    /** The method a concrete request path and method hit, with the path variables. */
    public Optional<Map.Entry<Method, Map<String, String>>> find(String httpMethod, String path) {
        for (PathTemplate t : templates) {
            Optional<Map<String, String>> vars = t.match(path);
            if (vars.isPresent()) {
                Method m = byPath.get(t.text()).get(httpMethod);
                if (m != null) {
                    return Optional.of(Map.entry(m, vars.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static Schema objectSchema(JsonNode params) {
        Schema.Builder b = Schema.builder("object");
        Map<String, Schema> props = new LinkedHashMap<>();
        params.path("properties").fields().forEachRemaining(e -> props.put(e.getKey(), toSchema(e.getValue())));
        b.properties(props);
        b.additionalProperties(additional(params.get("additionalProperties")));
        return b.build();
    }

    /** Converts one apidoc schema node. */
    public static Schema toSchema(JsonNode n) {
        JsonNode typeNode = n.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        Schema.Builder b = Schema.builder(type);
        b.optional(truthy(n.get("optional")));
        if (n.has("enum")) {
            List<String> values = new ArrayList<>();
            n.get("enum").forEach(v -> values.add(v.asText()));
            b.enumValues(values);
        }
        decimal(n.get("minimum")).ifPresent(b::minimum);
        decimal(n.get("maximum")).ifPresent(b::maximum);
        if (n.has("minLength")) b.minLength(n.get("minLength").asInt());
        if (n.has("maxLength")) b.maxLength(n.get("maxLength").asInt());
        if (n.hasNonNull("pattern")) b.pattern(n.get("pattern").asText());
        JsonNode format = n.get("format");
        if (format != null && format.isTextual()) {
            b.format(format.asText());
        } else if (format != null && format.isObject()) {
            Map<String, Schema> keys = new LinkedHashMap<>();
            format.fields().forEachRemaining(e -> keys.put(e.getKey(), toSchema(e.getValue())));
            b.format(keys);
        }
        if (n.has("properties")) {
            Map<String, Schema> props = new LinkedHashMap<>();
            n.get("properties").fields().forEachRemaining(e -> props.put(e.getKey(), toSchema(e.getValue())));
            b.properties(props);
        }
        b.additionalProperties(additional(n.get("additionalProperties")));
        if (n.has("items") && n.get("items").isObject()) {
            b.items(toSchema(n.get("items")));
        }
        b.defaultKey(truthy(n.get("default_key")));
        if (n.hasNonNull("alias")) b.alias(n.get("alias").asText());
        if (n.hasNonNull("keyAlias")) b.keyAlias(n.get("keyAlias").asText());
        Matcher range = INDEX_RANGE.matcher(n.path("description").asText(""));
        if (range.find()) {
            b.indexMax(Integer.parseInt(range.group(1)));
        }
        return b.build();
    }

    private static Boolean additional(JsonNode a) {
        if (a == null || a.isNull()) {
            return null;
        }
        if (a.isObject()) {
            return Boolean.TRUE;
        }
        return truthy(a);
    }

    private static boolean truthy(JsonNode v) {
        return v != null && (v.isBoolean() ? v.booleanValue() : v.asInt(0) != 0);
    }

    private static Optional<BigDecimal> decimal(JsonNode v) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(v.asText()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
