package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** The foundation: the real bundles in Felix on a real PostgreSQL, seen through the framework and HTTP. */
class FoundationIT {

    private static TestRuntime berth;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        berth = TestRuntime.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (berth != null) {
            berth.close();
        }
    }

    @Test
    void everyBundleIsActiveAndFragmentsAreResolved() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : berth.context().getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                notActive.add(b.getSymbolicName() + " state=" + b.getState());
            }
        }
        assertThat(notActive).isEmpty();
        assertThat(Arrays.stream(berth.context().getBundles()).map(Bundle::getSymbolicName))
                .contains("io.berth.api", "io.berth.core", "io.berth.scheduler", "io.berth.rest", "io.berth.console",
                        "org.apache.felix.scr", "org.apache.felix.webconsole", "org.apache.felix.fileinstall");
    }

    @Test
    void everyComponentIsSatisfied() throws Exception {
        // components come up as their services appear: give the framework a moment to settle
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<String> unsatisfied;
        HttpResponse<String> answer;
        do {
            answer = berth.get("/system/console/components.json", TestRuntime.ADMIN_EMAIL, TestRuntime.ADMIN_PASSWORD);
            assertThat(answer.statusCode()).isEqualTo(200);
            unsatisfied = new ArrayList<>();
            for (JsonNode component : json.readTree(answer.body()).path("data")) {
                String state = component.path("state").asText();
                String name = component.path("name").asText();
                boolean ok = state.equals("active") || state.equals("satisfied")
                        || state.equals("disabled") && name.equals("WebsecurityFilter");
                if (!ok) {
                    unsatisfied.add(name + ": " + state);
                }
            }
        } while (!unsatisfied.isEmpty() && System.nanoTime() < deadline && sleep());
        assertThat(unsatisfied).isEmpty();
        assertThat(answer.body()).contains("io.berth.core.internal.server.ServerService");
    }

    @Test
    void healthAnswersOverHttpWithTheDatabase() throws Exception {
        HttpResponse<String> health = berth.get("/api/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("database").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theWebConsoleAdmitsBerthAdminsOnly() throws Exception {
        assertThat(berth.get("/system/console/bundles", null, null).statusCode()).isEqualTo(401);
        assertThat(berth.get("/system/console/bundles", "admin", "admin").statusCode()).isEqualTo(401);
        assertThat(berth.get("/system/console/bundles", TestRuntime.ADMIN_EMAIL, "wrong").statusCode()).isEqualTo(401);
        assertThat(berth.shell("berth:useradd carol@example.com carol-secret-1")).contains("created user");
        assertThat(berth.get("/system/console/bundles", "carol@example.com", "carol-secret-1").statusCode())
                .as("a user who is not an admin").isEqualTo(401);
        HttpResponse<String> admin = berth.get("/system/console/bundles", TestRuntime.ADMIN_EMAIL,
                TestRuntime.ADMIN_PASSWORD);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("io.berth.core");
    }

    @Test
    void berthStatusReportsDatabaseProvidersAndJobs() {
        String status = berth.shell("berth:status");
        assertThat(status).startsWith("exit=0").contains("database: UP (PostgreSQL 17").contains("providers:")
                .contains("jobs: pending=");
        assertThat(berth.shell("berth:users")).contains(TestRuntime.ADMIN_EMAIL).contains("admin");
        assertThat(berth.shell("no:such-command")).startsWith("exit=1");
    }

    @Test
    void aBundleCopiedIntoDeployBecomesActiveAndLeavesCleanly() throws Exception {
        Path jar = bundle("io.berth.it.hot", null);
        Path deployed = berth.home().resolve("deploy").resolve("hot.jar");
        Files.move(jar, deployed, StandardCopyOption.ATOMIC_MOVE);
        Bundle hot = await(() -> find("io.berth.it.hot").filter(b -> b.getState() == Bundle.ACTIVE));
        assertThat(hot.getVersion().toString()).isEqualTo("1.0.0");

        Files.delete(deployed);
        await(() -> find("io.berth.it.hot").isPresent() || hot.getState() != Bundle.UNINSTALLED ? Optional.empty()
                : Optional.of(Boolean.TRUE));
    }

    @Test
    void aBrokenBundleIsRefusedWhileTheRestKeepsServing() throws Exception {
        Path unresolvable = berth.home().resolve("deploy").resolve("broken.jar");
        Files.move(bundle("io.berth.it.broken", "io.berth.does.not.exist"), unresolvable, StandardCopyOption.ATOMIC_MOVE);
        Path garbage = berth.home().resolve("deploy").resolve("garbage.jar");
        Files.writeString(berth.home().resolve("garbage.tmp"), "this is not a jar");
        Files.move(berth.home().resolve("garbage.tmp"), garbage, StandardCopyOption.ATOMIC_MOVE);

        Bundle broken = await(() -> find("io.berth.it.broken"));
        Thread.sleep(2500);
        assertThat(broken.getState()).as("installed but never resolved").isEqualTo(Bundle.INSTALLED);
        assertThat(berth.get("/api/health", null, null).statusCode()).isEqualTo(200);
        assertThat(find("io.berth.core").orElseThrow().getState()).isEqualTo(Bundle.ACTIVE);

        Files.delete(unresolvable);
        Files.delete(garbage);
        await(() -> find("io.berth.it.broken").isPresent() ? Optional.empty() : Optional.of(Boolean.TRUE));
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(500);
        return true;
    }

    private static Optional<Bundle> find(String symbolicName) {
        return Arrays.stream(berth.context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst();
    }

    private static Path bundle(String symbolicName, String importPackage) throws IOException {
        return TestBundles.manifestOnly(berth.home(), symbolicName, importPackage);
    }

    private static <T> T await(java.util.concurrent.Callable<Optional<T>> condition) throws Exception {
        return TestRuntime.await(condition);
    }
}
