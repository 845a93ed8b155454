package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.account.Account;
import io.berth.api.account.Role;
import io.berth.api.server.Server;
import io.berth.api.server.ServerStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every endpoint through the whole Jersey pipeline (filters, mappers, Jackson) against fakes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {

    private final FakeAccounts accounts = new FakeAccounts();
    private final FakeServers servers = new FakeServers();
    private final ECKey key = TestKeys.ecKey("k1");
    private final Tokens tokens = new Tokens(TestKeys.defaults());
    private InMemoryApi api;
    private Account alice;
    private Account bob;
    private Account admin;

    @BeforeAll
    void start() {
        tokens.setSigningKeys(key::toJSONString);
        alice = accounts.add("alice@example.com", "alice-password", Role.USER);
        bob = accounts.add("bob@example.com", "bob-password", Role.USER);
        admin = accounts.add("admin@example.com", "admin-password", Role.ADMIN);
        FakeCatalog catalog = new FakeCatalog();
        LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(15), Clock.systemUTC());
        api = new InMemoryApi(new JsonFeature(), new JerseySettings(), new ProblemMapper(),
                new AccessLog(AccessLogWriter.inline(AccessLog::toLogger)), new AuthFilter(tokens, accounts),
                new LoginResource(accounts, tokens, throttle), new UsersResource(accounts), new ImagesResource(catalog),
                new PlansResource(catalog), new ServersResource(servers), new AdminUsersResource(accounts),
                new AdminServersResource(servers), new OpenApiResource(), new HealthResource(new io.berth.api.health.PlatformHealth() {
                    public io.berth.api.provider.ProviderHealth database() {
                        return io.berth.api.provider.ProviderHealth.up("PostgreSQL 17.6");
                    }

                    public Map<String, io.berth.api.provider.ProviderHealth> providers() {
                        return Map.of("hypervisor:pve-main", io.berth.api.provider.ProviderHealth.down("connection refused"));
                    }
                }));
    }

    private String bearer(Account a) {
        return "Bearer " + tokens.issue(a).token();
    }

    private static void assertProblem(InMemoryApi.Reply r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.path("type").asText()).isEqualTo("about:blank");
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("title").asText()).isEqualTo(Problem.title(status));
        assertThat(p.path("detail").asText()).isNotBlank();
    }

    private static String field(InMemoryApi.Reply r) {
        return r.json().path("errors").path(0).path("field").asText();
    }

    // login

    @Test
    void loginAnswersABearerTokenThatWorks() {
        InMemoryApi.Reply r = api.post("login", "{\"email\":\"alice@example.com\",\"password\":\"alice-password\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        JsonNode t = r.json();
        assertThat(t.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.path("expires_in").asLong()).isEqualTo(3600);
        InMemoryApi.Reply me = api.get("users/me", "Authorization", "Bearer " + t.path("access_token").asText());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("email").asText()).isEqualTo("alice@example.com");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        api.remoteAddress = "198.51.100.1";
        InMemoryApi.Reply wrong = api.post("login", "{\"email\":\"bob@example.com\",\"password\":\"nope\"}");
        InMemoryApi.Reply unknown = api.post("login", "{\"email\":\"nobody@example.com\",\"password\":\"nope\"}");
        assertProblem(wrong, 401);
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(unknown.header("WWW-Authenticate")).isEqualTo(wrong.header("WWW-Authenticate"));
    }

    @Test
    void loginValidatesItsBody() {
        InMemoryApi.Reply r = api.post("login", "{\"email\":\" \"}");
        assertProblem(r, 422);
        assertThat(r.json().path("errors").findValuesAsText("field")).containsExactly("email", "password");
        assertProblem(api.post("login", "{\"email\":\"a@b\",\"password\":\"x\",\"remember\":true}"), 400);
        assertProblem(api.post("login", "{\"email\":\"a@b\",\"password\":12}"), 400);
        assertProblem(api.post("login", "{\"email\":"), 400);
        assertProblem(api.post("login", ""), 400);
    }

    @Test
    void repeatedFailuresAreThrottledWithRetryAfterAndSuccessResetsTheAccount() {
        api.remoteAddress = "198.51.100.2";
        int before = accounts.authentications;
        Account carol = accounts.add("carol@example.com", "carol-password", Role.USER);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("login", "{\"email\":\"carol@example.com\",\"password\":\"x\"}").status()).isEqualTo(401);
        }
        InMemoryApi.Reply blocked = api.post("login", "{\"email\":\"carol@example.com\",\"password\":\"carol-password\"}");
        assertProblem(blocked, 429);
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 900L);
        assertThat(accounts.authentications - before).as("blocked attempts never check the password").isEqualTo(5);
        // another account from another address is not affected
        api.remoteAddress = "198.51.100.3";
        assertThat(api.post("login", "{\"email\":\"alice@example.com\",\"password\":\"alice-password\"}").status())
                .isEqualTo(200);
        assertThat(carol.id()).isNotNull();
    }

    // authentication

    @Test
    void protectedEndpointsWantAToken() {
        InMemoryApi.Reply none = api.get("servers");
        assertProblem(none, 401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"berth\"");

        InMemoryApi.Reply basic = api.get("servers", "Authorization", "Basic YTpi");
        assertProblem(basic, 401);

        InMemoryApi.Reply garbage = api.get("servers", "Authorization", "Bearer not.a.jwt");
        assertProblem(garbage, 401);
        assertThat(garbage.header("WWW-Authenticate")).contains("error=\"invalid_token\"");

        String token = tokens.issue(alice).token();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertProblem(api.get("servers", "Authorization", "Bearer " + tampered), 401);
    }

    @Test
    void forgedAndExpiredTokensAreRefused() {
        String[] parts = tokens.issue(alice).token().split("\\.");
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(alice.id().toString(), admin.id().toString());
        String none = b64.encodeToString("{\"alg\":\"none\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
        InMemoryApi.Reply forged = api.get("admin/users", "Authorization", "Bearer " + none);
        assertProblem(forged, 401);
        assertThat(forged.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        String swapped = parts[0] + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertProblem(api.get("admin/users", "Authorization", "Bearer " + swapped), 401);

        Tokens yesterday = new Tokens(TestKeys.defaults(),
                Clock.fixed(java.time.Instant.now().minus(Duration.ofDays(1)), java.time.ZoneOffset.UTC));
        yesterday.setSigningKeys(key::toJSONString);
        InMemoryApi.Reply expired = api.get("users/me", "Authorization", "Bearer " + yesterday.issue(alice).token());
        assertProblem(expired, 401);
        assertThat(expired.header("WWW-Authenticate")).contains("error=\"invalid_token\"").contains("expired");
    }

    @Test
    void aDisabledAccountsTokenStopsWorking() {
        Account dave = accounts.add("dave@example.com", "dave-password", Role.USER);
        String token = bearer(dave);
        assertThat(api.get("users/me", "Authorization", token).status()).isEqualTo(200);
        accounts.disable(dave.id());
        InMemoryApi.Reply r = api.get("users/me", "Authorization", token);
        assertProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void publicEndpointsAnswerWithoutAToken() {
        InMemoryApi.Reply health = api.get("health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("checks").path("database").path("detail").asText()).isEqualTo("PostgreSQL 17.6");
        assertThat(health.json().path("checks").path("hypervisor:pve-main").path("status").asText()).isEqualTo("DOWN");
        InMemoryApi.Reply doc = api.get("openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(OpenApiResource.load());
    }

    @Test
    void theCallerCarriesTheAccountAndTheClientAddress() {
        api.remoteAddress = "192.0.2.44";
        api.get("servers", "Authorization", bearer(alice));
        FakeServers.Call call = servers.calls.get(servers.calls.size() - 1);
        assertThat(call.caller().accountId()).isEqualTo(alice.id());
        assertThat(call.caller().email()).isEqualTo("alice@example.com");
        assertThat(call.caller().admin()).isFalse();
        assertThat(call.caller().remoteAddress()).isEqualTo("192.0.2.44");
    }

    // users, catalog

    @Test
    void meShowsQuotasAndUsage() {
        JsonNode me = api.get("users/me", "Authorization", bearer(alice)).json();
        assertThat(me.path("id").asText()).isEqualTo(alice.id().toString());
        assertThat(me.path("role").asText()).isEqualTo("user");
        assertThat(me.path("disabled").asBoolean()).isFalse();
        assertThat(me.path("created_at").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(me.path("quotas").path("servers").asInt()).isEqualTo(5);
        assertThat(me.path("quotas").path("subdomains").asInt()).isEqualTo(2);
        assertThat(me.path("usage").path("servers").asInt()).isEqualTo(1);
        assertThat(me.has("password")).isFalse();
    }

    @Test
    void imagesPlansAndLimits() {
        JsonNode images = api.get("images", "Authorization", bearer(alice)).json();
        assertThat(images.size()).isEqualTo(1);
        assertThat(images.path(0).path("name").asText()).isEqualTo("Ubuntu 24.04");
        assertThat(images.path(0).path("min_disk_gb").asInt()).isEqualTo(10);
        assertThat(images.path(0).has("template_ref")).isFalse();
        JsonNode plans = api.get("plans", "Authorization", bearer(alice)).json();
        assertThat(plans.path(0).path("cpu_cores").asInt()).isEqualTo(2);
        assertThat(plans.path(0).path("memory_mb").asInt()).isEqualTo(2048);
        assertThat(plans.path(0).path("disk_gb").asInt()).isEqualTo(20);
        JsonNode limits = api.get("plans/limits", "Authorization", bearer(alice)).json();
        assertThat(limits.path("max_cpu_cores").asInt()).isEqualTo(8);
    }

    // servers

    @Test
    void aServerLooksLikeApiMdSaysAndOthersGet404() {
        Server s = servers.add(alice.id(), "web-1", ServerStatus.RUNNING);
        InMemoryApi.Reply r = api.get("servers/" + s.id(), "Authorization", bearer(alice));
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.path("id").asText()).isEqualTo(s.id().toString());
        assertThat(j.path("status").asText()).isEqualTo("running");
        assertThat(j.path("image").path("name").asText()).isEqualTo("Ubuntu 24.04");
        assertThat(j.path("attributes").path("backups").asText()).isEqualTo("Enabled");
        assertThat(j.path("updated_at").asText()).isEqualTo("2025-01-02T03:04:06.500Z");
        assertThat(j.has("owner_id")).isFalse();
        assertThat(j.has("status_detail")).isTrue();

        assertProblem(api.get("servers/" + s.id(), "Authorization", bearer(bob)), 404);
        assertProblem(api.get("servers/not-a-uuid", "Authorization", bearer(alice)), 404);
        assertProblem(api.get("servers/" + UUID.randomUUID(), "Authorization", bearer(alice)), 404);
    }

    @Test
    void listingFiltersByStatusAndPages() {
        servers.add(alice.id(), "list-1", ServerStatus.STOPPED);
        InMemoryApi.Reply r = api.get("servers?status=stopped&limit=10&cursor=abc", "Authorization", bearer(alice));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("items").findValuesAsText("status")).containsOnly("stopped");
        assertThat(r.json().path("next_cursor").asText()).isEqualTo("next");
        assertThat(servers.calls.get(servers.calls.size() - 1).argument()).isEqualTo(ServerStatus.STOPPED + "/abc/10");

        InMemoryApi.Reply defaults = api.get("servers", "Authorization", bearer(alice));
        assertThat(defaults.json().has("next_cursor")).isTrue();
        assertThat(defaults.json().path("next_cursor").isNull()).isTrue();
        assertThat(servers.calls.get(servers.calls.size() - 1).argument()).isEqualTo("null/null/25");

        InMemoryApi.Reply badStatus = api.get("servers?status=sleeping", "Authorization", bearer(alice));
        assertProblem(badStatus, 400);
        assertThat(field(badStatus)).isEqualTo("status");
        for (String limit : new String[] {"0", "101", "ten"}) {
            InMemoryApi.Reply badLimit = api.get("servers?limit=" + limit, "Authorization", bearer(alice));
            assertProblem(badLimit, 400);
            assertThat(field(badLimit)).isEqualTo("limit");
        }
    }

    @Test
    void orderingAnswers202WithLocationAndTheSameKeyReplays() {
        String body = "{\"name\":\"web-2\",\"image_id\":\"00000000-0000-0000-0000-0000000000aa\","
                + "\"plan_id\":\"00000000-0000-0000-0000-0000000000bb\",\"ssh_keys\":[\"ssh-ed25519 AAAA\"]}";
        InMemoryApi.Reply first = api.post("servers", body, "Authorization", bearer(alice), "Idempotency-Key", "k-1");
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String id = first.json().path("id").asText();
        assertThat(first.json().path("status").asText()).isEqualTo("provisioning");
        assertThat(first.header("Location")).isEqualTo("/api/servers/" + id);
        assertThat(first.header(ServersResource.REPLAYED)).isNull();

        InMemoryApi.Reply again = api.post("servers", body, "Authorization", bearer(alice), "Idempotency-Key", "k-1");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("id").asText()).isEqualTo(id);
        assertThat(again.header(ServersResource.REPLAYED)).isEqualTo("true");
        assertThat(servers.servers.values().stream().filter(s -> s.name().equals("web-2")).count()).isEqualTo(1);

        InMemoryApi.Reply other = api.post("servers", body.replace("web-2", "web-3"), "Authorization", bearer(alice),
                "Idempotency-Key", "k-1");
        assertProblem(other, 409);
    }

    @Test
    void orderingRefusesBadBodies() {
        String auth = bearer(alice);
        InMemoryApi.Reply badUuid = api.post("servers", "{\"name\":\"x\",\"image_id\":\"nope\"}", "Authorization", auth);
        assertProblem(badUuid, 400);
        assertThat(field(badUuid)).isEqualTo("image_id");
        assertThat(badUuid.json().path("errors").path(0).path("message").asText()).isEqualTo("must be a UUID");

        InMemoryApi.Reply badType = api.post("servers", "{\"name\":\"x\",\"cpu_cores\":\"2\"}", "Authorization", auth);
        assertProblem(badType, 400);
        assertThat(field(badType)).isEqualTo("cpu_cores");

        InMemoryApi.Reply badKey = api.post("servers", "{\"name\":\"x\",\"ssh_keys\":[\"a\", 5]}", "Authorization", auth);
        assertProblem(badKey, 400);
        assertThat(field(badKey)).isEqualTo("ssh_keys[1]");

        InMemoryApi.Reply nullKey = api.post("servers", "{\"name\":\"x\",\"ssh_keys\":[null]}", "Authorization", auth);
        assertProblem(nullKey, 422);
        assertThat(field(nullKey)).isEqualTo("ssh_keys[0]");

        InMemoryApi.Reply unknown = api.post("servers", "{\"name\":\"x\",\"colour\":\"red\"}", "Authorization", auth);
        assertProblem(unknown, 400);
        assertThat(field(unknown)).isEqualTo("colour");

        InMemoryApi.Reply invalid = api.post("servers", "{\"image_id\":null}", "Authorization", auth);
        assertProblem(invalid, 422);
        assertThat(field(invalid)).isEqualTo("name");

        InMemoryApi.Reply malformed = api.post("servers", "{\"name\": x}", "Authorization", auth);
        assertProblem(malformed, 400);
        assertThat(malformed.json().path("detail").asText()).contains("not valid JSON");

        assertProblem(api.post("servers", "", "Authorization", auth), 400);
        InMemoryApi.Reply badIdempotencyKey = api.post("servers", "{\"name\":\"x\"}", "Authorization", auth,
                "Idempotency-Key", "with space");
        assertProblem(badIdempotencyKey, 400);
        assertThat(field(badIdempotencyKey)).isEqualTo("Idempotency-Key");
    }

    @Test
    void powerActionsAndTermination() {
        Server s = servers.add(alice.id(), "act-1", ServerStatus.STOPPED);
        String auth = bearer(alice);
        InMemoryApi.Reply start = api.post("servers/" + s.id() + "/actions", "{\"action\":\"start\"}", "Authorization", auth);
        assertThat(start.status()).isEqualTo(202);
        assertThat(start.json().path("status").asText()).isEqualTo("starting");

        InMemoryApi.Reply conflict = api.post("servers/" + s.id() + "/actions", "{\"action\":\"start\"}", "Authorization",
                auth);
        assertProblem(conflict, 409);
        assertThat(conflict.json().path("detail").asText()).contains("only a stopped server can start");

        InMemoryApi.Reply unknown = api.post("servers/" + s.id() + "/actions", "{\"action\":\"explode\"}",
                "Authorization", auth);
        assertProblem(unknown, 422);
        assertThat(field(unknown)).isEqualTo("action");
        assertProblem(api.post("servers/" + s.id() + "/actions", "{}", "Authorization", auth), 422);
        assertProblem(api.post("servers/" + s.id() + "/actions", "{\"action\":\"stop\"}", "Authorization", bearer(bob)),
                404);

        InMemoryApi.Reply gone = api.call("DELETE", "servers/" + s.id(), null, "Authorization", auth);
        assertThat(gone.status()).isEqualTo(202);
        assertThat(gone.json().path("status").asText()).isEqualTo("terminating");
        assertProblem(api.call("DELETE", "servers/" + s.id(), null, "Authorization", bearer(bob)), 404);
    }

    // admin

    @Test
    void adminEndpointsAreForAdminsOnly() {
        String user = bearer(alice);
        assertProblem(api.get("admin/users", "Authorization", user), 403);
        assertProblem(api.post("admin/users", "{\"email\":\"x@y\",\"password\":\"p\"}", "Authorization", user), 403);
        assertProblem(api.call("PATCH", "admin/users/" + bob.id(), "{\"disabled\":true}", "Authorization", user), 403);
        assertProblem(api.call("PATCH", "admin/users/x", "{not json", "Authorization", user), 403);
        assertProblem(api.get("admin/servers", "Authorization", user), 403);
        assertProblem(api.post("admin/servers/" + UUID.randomUUID() + "/suspend", null, "Authorization", user), 403);
        assertThat(accounts.accounts.get(bob.id()).disabled()).isFalse();
        assertProblem(api.get("admin/users"), 401);
    }

    @Test
    void adminsManageUsers() {
        String auth = bearer(admin);
        InMemoryApi.Reply list = api.get("admin/users?limit=50", "Authorization", auth);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").size()).isGreaterThanOrEqualTo(3);
        assertThat(list.json().path("items").path(0).has("usage")).isFalse();
        assertThat(list.json().path("items").path(0).path("quotas").path("servers").asInt()).isEqualTo(5);

        InMemoryApi.Reply created = api.post("admin/users",
                "{\"email\":\"erin@example.com\",\"password\":\"erin-password\",\"role\":\"admin\","
                        + "\"quotas\":{\"servers\":3,\"subdomains\":1}}",
                "Authorization", auth);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/admin/users/" + id);
        assertThat(created.json().path("role").asText()).isEqualTo("admin");
        assertThat(created.json().path("quotas").path("servers").asInt()).isEqualTo(3);
        assertThat(created.json().path("usage").isObject()).isTrue();

        assertProblem(api.post("admin/users", "{\"email\":\"erin@example.com\",\"password\":\"p\"}", "Authorization",
                auth), 409);
        InMemoryApi.Reply badRole = api.post("admin/users", "{\"email\":\"f@example.com\",\"password\":\"p\","
                + "\"role\":\"root\",\"quotas\":{\"servers\":1}}", "Authorization", auth);
        assertProblem(badRole, 422);
        assertThat(badRole.json().path("errors").findValuesAsText("field"))
                .containsExactly("role", "quotas.subdomains");
        InMemoryApi.Reply badEmail = api.post("admin/users", "{\"email\":\"nope\",\"password\":\"p\"}", "Authorization",
                auth);
        assertProblem(badEmail, 422);
        assertThat(field(badEmail)).isEqualTo("email");

        InMemoryApi.Reply patched = api.call("PATCH", "admin/users/" + id, "{\"disabled\":true,\"role\":\"user\"}",
                "Authorization", auth);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("disabled").asBoolean()).isTrue();
        assertThat(patched.json().path("role").asText()).isEqualTo("user");
        InMemoryApi.Reply badPatch = api.call("PATCH", "admin/users/" + id, "{\"disabled\":\"yes\"}", "Authorization",
                auth);
        assertProblem(badPatch, 400);
        assertThat(field(badPatch)).isEqualTo("disabled");
        assertProblem(api.call("PATCH", "admin/users/" + UUID.randomUUID(), "{\"disabled\":true}", "Authorization",
                auth), 404);
        assertProblem(api.call("PATCH", "admin/users/zzz", "{\"disabled\":true}", "Authorization", auth), 404);
    }

    @Test
    void adminsSeeAndSuspendEveryServer() {
        Server s = servers.add(bob.id(), "bobs", ServerStatus.RUNNING);
        String auth = bearer(admin);
        InMemoryApi.Reply all = api.get("admin/servers", "Authorization", auth);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("items").findValuesAsText("id")).contains(s.id().toString());
        assertProblem(api.get("admin/servers?status=bogus", "Authorization", auth), 400);

        InMemoryApi.Reply suspended = api.post("admin/servers/" + s.id() + "/suspend", null, "Authorization", auth);
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.json().path("status").asText()).isEqualTo("suspended");
        InMemoryApi.Reply back = api.post("admin/servers/" + s.id() + "/unsuspend", null, "Authorization", auth);
        assertThat(back.status()).isEqualTo(200);
        assertProblem(api.post("admin/servers/" + UUID.randomUUID() + "/suspend", null, "Authorization", auth), 404);
    }

    // Jersey's own failures

    @Test
    void routingAndNegotiationFailuresAreProblems() {
        String auth = bearer(alice);
        assertProblem(api.get("nothing/here", "Authorization", auth), 404);
        InMemoryApi.Reply notAllowed = api.call("PUT", "servers", "{}", "Authorization", auth);
        assertProblem(notAllowed, 405);
        assertThat(notAllowed.header("Allow")).contains("GET").contains("POST");
        InMemoryApi.Reply unsupported = api.call("POST", "servers", null, "Authorization", auth, "Content-Type",
                "text/plain");
        assertProblem(unsupported, 415);
        assertProblem(api.get("servers", "Authorization", auth, "Accept", "text/html"), 406);
    }

    @Test
    void unexpectedFailuresAre500WithAnErrorIdAndNothingElse() {
        servers.failNext = new IllegalStateException("connection to db.internal:5432 refused");
        InMemoryApi.Reply r = api.get("servers", "Authorization", bearer(alice));
        assertProblem(r, 500);
        assertThat(r.json().path("error_id").asText()).isNotBlank();
        assertThat(r.json().path("detail").asText()).contains(r.json().path("error_id").asText());
        assertThat(r.body()).doesNotContain("db.internal").doesNotContain("IllegalState").doesNotContain("at io.berth");
    }

    @Test
    void everyRequestGetsOneAccessLogLineWithoutSecrets() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String token = tokens.issue(alice).token();
        InMemoryApi.Reply r;
        InMemoryApi.Reply login;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            api.remoteAddress = "192.0.2.99";
            r = api.get("servers?status=running", "Authorization", "Bearer " + token, "X-Request-Id", "req-42");
            login = api.post("login", "{\"email\":\"alice@example.com\",\"password\":\"alice-password\"}");
        } finally {
            System.setErr(err);
        }
        assertThat(r.header("X-Request-Id")).isEqualTo("req-42");
        assertThat(login.header("X-Request-Id")).isNotBlank();
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("io.berth.access - method=GET path=/api/servers status=200 duration_ms=")
                .contains(" remote=192.0.2.99 account=" + alice.id() + " request_id=req-42")
                .contains("method=POST path=/api/login status=200")
                .doesNotContain(token)
                .doesNotContain("alice-password")
                .doesNotContain("status=running");
    }
}
