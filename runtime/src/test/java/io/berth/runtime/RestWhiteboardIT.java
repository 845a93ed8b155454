package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.Array;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/**
 * Berth's Jakarta REST whiteboard adapter ({@code io.berth.rest.whiteboard}) in the real runtime:
 * Jersey is not built before Berth's resources are there, the REST application's servlet context is
 * the one the server list filter selects, and resources that a plugin registers later are served.
 */
class RestWhiteboardIT {

    /** Jersey reports each application it built here (at CONFIG); held so the logger stays configured. */
    private static final Logger JERSEY = Logger.getLogger("org.glassfish.jersey.server.ApplicationHandler");
    private static final List<String> BUILT = new ArrayList<>();
    private static final Handler BUILDS = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.startsWith("Jersey application initialized")) {
                synchronized (BUILT) {
                    BUILT.add(message);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static TestRuntime berth;
    private static List<String> builtUntilHealthy;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        BUILDS.setLevel(Level.ALL);
        JERSEY.setLevel(Level.CONFIG);
        JERSEY.addHandler(BUILDS);
        berth = TestRuntime.start();
        synchronized (BUILT) {
            builtUntilHealthy = List.copyOf(BUILT);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        JERSEY.removeHandler(BUILDS);
        JERSEY.setLevel(null);
        if (berth != null) {
            berth.close();
        }
    }

    @Test
    void jerseyIsNotBuiltBeforeBerthsResourcesAreThere() {
        // osgitech's own adapter built two empty applications first (and the full one up to twice)
        assertThat(builtUntilHealthy).isNotEmpty()
                .allSatisfy(built -> assertThat(built).contains("io.berth.rest.internal.HealthResource"));
    }

    @Test
    void theRestApplicationsContextIsTheOneTheServerListFilterSelects() throws Exception {
        ServiceReference<?> http = berth.context()
                .getServiceReferences("org.osgi.service.servlet.runtime.HttpServiceRuntime", null)[0];
        Object runtime = berth.context().getService(http);
        try {
            Object dto = runtime.getClass().getMethod("getRuntimeDTO").invoke(runtime);
            List<String> filtersInRestContexts = new ArrayList<>();
            List<String> servletsInRestContexts = new ArrayList<>();
            Object contexts = dto.getClass().getField("servletContextDTOs").get(dto);
            for (int i = 0; i < Array.getLength(contexts); i++) {
                Object context = Array.get(contexts, i);
                String name = (String) context.getClass().getField("name").get(context);
                if (name.startsWith("ContextForRestWhiteboard.")) {
                    assertThat(context.getClass().getField("contextPath").get(context)).isEqualTo("/api");
                    filtersInRestContexts.addAll(names(context.getClass().getField("filterDTOs").get(context)));
                    servletsInRestContexts.addAll(names(context.getClass().getField("servletDTOs").get(context)));
                }
            }
            assertThat(filtersInRestContexts).contains("berth.server-list");
            assertThat(servletsInRestContexts).hasSize(1);
        } finally {
            berth.context().ungetService(http);
        }
        String token = adminToken();
        assertThat(get("/api/servers", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aResourceAPluginRegistersLaterIsServedAndGoesWithIt() throws Exception {
        String token = adminToken();
        assertThat(get("/api/late", token).statusCode()).isEqualTo(404);

        Path deployed = berth.home().resolve("deploy").resolve("late.jar");
        Files.move(TestBundles.restResource(berth.home(), "io.berth.it.late", "late", "served late"), deployed,
                StandardCopyOption.ATOMIC_MOVE);
        HttpResponse<String> late = TestRuntime.await(() -> Optional.of(get("/api/late", token))
                .filter(r -> r.statusCode() == 200));
        assertThat(late.body()).isEqualTo("served late");
        assertThat(get("/api/health", null).statusCode()).as("Berth's resources stay").isEqualTo(200);

        Files.delete(deployed);
        TestRuntime.await(() -> Optional.of(get("/api/late", token)).filter(r -> r.statusCode() == 404));
        assertThat(get("/api/health", null).statusCode()).isEqualTo(200);
    }

    private static List<String> names(Object dtos) throws ReflectiveOperationException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Array.getLength(dtos); i++) {
            Object dto = Array.get(dtos, i);
            names.add((String) dto.getClass().getField("name").get(dto));
        }
        return names;
    }

    private String adminToken() throws Exception {
        HttpResponse<String> login = berth.send(HttpRequest.newBuilder(berth.uri("/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        Map.of("email", TestRuntime.ADMIN_EMAIL, "password", TestRuntime.ADMIN_PASSWORD)))));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json.readTree(login.body()).path("access_token").asText();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(berth.uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return berth.send(request);
    }
}
