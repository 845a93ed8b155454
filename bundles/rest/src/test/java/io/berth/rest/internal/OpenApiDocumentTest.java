package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document must describe what the resource classes really do: the same paths and
 * methods (found by reflection over every {@code @Path} class of this bundle), the same public
 * operations, and the same JSON fields as the records the resources read and write.
 */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*(:[^}]*)?}");

    private static JsonNode doc;
    private static List<Class<?>> resources;

    /** One operation: method and path as OpenAPI writes them ({@code GET /servers/{id}}). */
    record Route(String method, String path) implements Comparable<Route> {

        @Override
        public int compareTo(Route o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void load() throws Exception {
        doc = Json.MAPPER.readTree(OpenApiResource.load());
        resources = resourceClasses();
    }

    /** Every top-level class of this bundle's package that carries {@code @Path}. */
    static List<Class<?>> resourceClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path classes = Paths.get(OpenApiResource.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        java.nio.file.Path pkg = classes.resolve(OpenApiResource.class.getPackageName().replace('.', '/'));
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(pkg)) {
            for (java.nio.file.Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type = Class.forName(OpenApiResource.class.getPackageName() + "."
                            + name.substring(0, name.length() - ".class".length()));
                    if (type.isAnnotationPresent(Path.class)) {
                        found.add(type);
                    }
                }
            }
        }
        return found;
    }

    static Map<Route, Method> implementedRoutes() {
        Map<Route, Method> routes = new TreeMap<>();
        for (Class<?> type : resources) {
            String base = type.getAnnotation(Path.class).value();
            for (Method m : type.getMethods()) {
                String httpMethod = httpMethod(m);
                Path sub = m.getAnnotation(Path.class);
                if (httpMethod == null) {
                    assertThat(sub).as("sub-resource locator %s cannot be checked; describe it by hand", m).isNull();
                    continue;
                }
                String path = normalize(base + (sub == null ? "" : "/" + sub.value()));
                Method before = routes.put(new Route(httpMethod, path), m);
                assertThat(before).as("two methods answer %s %s", httpMethod, path).isNull();
            }
        }
        return routes;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    /** {@code servers//{id: [0-9a-f-]+}/} becomes {@code /servers/{id}}. */
    static String normalize(String path) {
        Matcher m = TEMPLATE.matcher(path);
        String plain = m.replaceAll(r -> "{" + Matcher.quoteReplacement(r.group(1)) + "}");
        String joined = Stream.of(plain.split("/")).filter(s -> !s.isEmpty()).collect(Collectors.joining("/"));
        return "/" + joined;
    }

    static Map<Route, JsonNode> documentedRoutes() {
        Map<Route, JsonNode> routes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (HTTP_METHODS.contains(op.getKey())) {
                    routes.put(new Route(op.getKey().toUpperCase(java.util.Locale.ROOT), p.getKey()), op.getValue());
                }
            }
        }
        return routes;
    }

    @Test
    void findsTheResourceClasses() {
        assertThat(resources).contains(ServersResource.class, LoginResource.class, HealthResource.class,
                OpenApiResource.class, AdminUsersResource.class);
    }

    @Test
    void documentsExactlyTheImplementedRoutes() {
        Set<Route> implemented = implementedRoutes().keySet();
        Set<Route> documented = documentedRoutes().keySet();
        Set<Route> undocumented = new TreeSet<>(implemented);
        undocumented.removeAll(documented);
        Set<Route> unimplemented = new TreeSet<>(documented);
        unimplemented.removeAll(implemented);
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(undocumented).as("implemented but not in openapi.json").isEmpty();
            soft.assertThat(unimplemented).as("in openapi.json but not implemented").isEmpty();
        });
        assertThat(implemented).contains(new Route("POST", "/login"), new Route("GET", "/servers/{id}"),
                new Route("PATCH", "/admin/users/{id}"));
    }

    @Test
    void publicOperationsAreExactlyThoseWithoutSecurity() {
        Map<Route, Method> implemented = implementedRoutes();
        Map<Route, JsonNode> documented = documentedRoutes();
        Set<Route> publicInCode = new TreeSet<>();
        implemented.forEach((r, m) -> {
            if (m.isAnnotationPresent(Public.class)) {
                publicInCode.add(r);
            }
        });
        Set<Route> publicInDoc = new TreeSet<>();
        documented.forEach((r, op) -> {
            if (op.has("security") && op.path("security").isEmpty()) {
                publicInDoc.add(r);
            }
        });
        assertThat(publicInCode).containsExactlyInAnyOrder(new Route("POST", "/login"), new Route("GET", "/health"),
                new Route("GET", "/openapi.json"));
        assertThat(publicInDoc).isEqualTo(publicInCode);
        assertThat(doc.path("security").path(0).has("bearerAuth")).isTrue();
        documented.forEach((r, op) -> {
            if (!publicInDoc.contains(r)) {
                assertThat(op.path("responses").has("401")).as("%s documents 401", r).isTrue();
            }
        });
    }

    @Test
    void adminOperationsDocument403() {
        implementedRoutes().forEach((r, m) -> {
            if (m.getDeclaringClass().isAnnotationPresent(AdminOnly.class) || m.isAnnotationPresent(AdminOnly.class)) {
                assertThat(r.path()).startsWith("/admin/");
                assertThat(documentedRoutes().get(r).path("responses").has("403")).as("%s documents 403", r).isTrue();
            }
        });
    }

    @Test
    void everyOperationHasAUniqueIdAndItsPathParameters() {
        Set<String> ids = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            Set<String> templates = new TreeSet<>();
            Matcher m = TEMPLATE.matcher(p.getKey());
            while (m.find()) {
                templates.add(m.group(1));
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!HTTP_METHODS.contains(op.getKey())) {
                    continue;
                }
                String id = op.getValue().path("operationId").asText();
                assertThat(ids.add(id)).as("operationId %s is unique", id).isTrue();
                Set<String> declared = new TreeSet<>();
                for (JsonNode list : List.of(p.getValue().path("parameters"), op.getValue().path("parameters"))) {
                    for (JsonNode param : list) {
                        JsonNode resolved = resolve(param);
                        if ("path".equals(resolved.path("in").asText())) {
                            declared.add(resolved.path("name").asText());
                        }
                    }
                }
                assertThat(declared).as("path parameters of %s %s", op.getKey(), p.getKey()).isEqualTo(templates);
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
        }
    }

    @Test
    void schemasHaveTheFieldsOfTheRecordsTheResourcesUse() {
        Map<String, Class<?>> shapes = new LinkedHashMap<>();
        shapes.put("Server", ServerJson.class);
        shapes.put("ServerPage", PageJson.class);
        shapes.put("UserPage", PageJson.class);
        shapes.put("User", UserJson.class);
        shapes.put("Counts", UserJson.Counts.class);
        shapes.put("Image", ImagesResource.ImageJson.class);
        shapes.put("Plan", PlansResource.PlanJson.class);
        shapes.put("Limits", PlansResource.LimitsJson.class);
        shapes.put("Token", LoginResource.TokenJson.class);
        shapes.put("LoginRequest", LoginResource.LoginBody.class);
        shapes.put("CreateServer", ServersResource.CreateServerBody.class);
        shapes.put("Action", ServersResource.ActionBody.class);
        shapes.put("NewUser", AdminUsersResource.NewUserBody.class);
        shapes.put("UserChange", AdminUsersResource.UserChangeBody.class);
        shapes.put("QuotasInput", AdminUsersResource.QuotasBody.class);
        shapes.put("Problem", Problem.class);
        shapes.put("FieldError", Problem.FieldError.class);
        shapes.forEach((schema, type) -> {
            JsonNode s = doc.path("components").path("schemas").path(schema);
            assertThat(s.isMissingNode()).as("schema %s", schema).isFalse();
            Set<String> documented = new TreeSet<>();
            s.path("properties").fieldNames().forEachRemaining(documented::add);
            Set<String> fields = new TreeSet<>();
            for (RecordComponent c : type.getRecordComponents()) {
                fields.add(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName()));
            }
            assertThat(documented).as("properties of %s (%s)", schema, type.getSimpleName()).isEqualTo(fields);
            s.path("required").forEach(r -> assertThat(fields).as("required in %s", schema).contains(r.asText()));
        });
        JsonNode statuses = doc.at("/components/schemas/ServerStatus/enum");
        List<String> wire = new ArrayList<>();
        statuses.forEach(n -> wire.add(n.asText()));
        assertThat(wire).containsExactlyElementsOf(Stream.of(io.berth.api.server.ServerStatus.values())
                .map(io.berth.api.server.ServerStatus::wireName).toList());
        List<String> actions = new ArrayList<>();
        doc.at("/components/schemas/Action/properties/action/enum").forEach(n -> actions.add(n.asText()));
        assertThat(actions).containsExactlyElementsOf(Stream.of(io.berth.api.hypervisor.PowerAction.values())
                .map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    @Test
    void isOpenApi31() {
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.path("servers").path(0).path("url").asText()).isEqualTo("/api");
        assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? doc.at(node.path("$ref").asText().substring(1)) : node;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }
}
