package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.account.Account;
import io.berth.api.account.Role;
import io.berth.api.server.ServerStatus;

import com.nimbusds.jose.jwk.ECKey;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter in front of the JAX-RS application answers the plain server list exactly as the
 * application would (compared with the whole Jersey pipeline on the same fakes), and hands every
 * other request, and every one it would refuse, to the application untouched.
 */
class ServerListFilterTest {

    private final FakeAccounts accounts = new FakeAccounts();
    private final FakeServers servers = new FakeServers();
    private final ECKey key = TestKeys.ecKey("k1");
    private final Tokens tokens = new Tokens(TestKeys.defaults());
    private final List<String> accessLines = new ArrayList<>();
    private ServerListFilter filter;
    private InMemoryApi api;
    private Account alice;

    /** What reached the response, or that the request went on down the chain. */
    private static final class Exchange {
        int status = -1;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean passedOn;

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void setUp() {
        tokens.setSigningKeys(key::toJSONString);
        alice = accounts.add("alice@example.com", "alice-password", Role.USER);
        servers.add(alice.id(), "web-1", ServerStatus.RUNNING);
        servers.add(alice.id(), "web-2", ServerStatus.PROVISIONING);
        filter = new ServerListFilter(new Authenticator(tokens, accounts), servers, AccessLogWriter.inline(accessLines::add));
        api = new InMemoryApi(new JsonFeature(), new JerseySettings(), new ProblemMapper(),
                new AccessLog(AccessLogWriter.inline(AccessLog::toLogger)), new AuthFilter(tokens, accounts),
                new ServersResource(servers));
    }

    private String bearer(Account a) {
        return "Bearer " + tokens.issue(a).token();
    }

    @Test
    void thePlainListIsAnsweredAsTheRestApplicationAnswersIt() throws Exception {
        String token = bearer(alice);
        Exchange x = call("GET", "/api/servers", null, Map.of("Authorization", token, "X-Request-Id", "abc-123"));
        InMemoryApi.Reply jersey = api.call("GET", "servers", null, "Authorization", token);

        assertThat(x.passedOn).isFalse();
        assertThat(x.status).isEqualTo(200);
        assertThat(jersey.status()).isEqualTo(200);
        assertThat(x.text()).isEqualTo(jersey.body());
        assertThat(x.headers.get("Content-Type")).isEqualTo(jersey.header("Content-Type"));
        assertThat(x.headers.get("Content-Length")).isEqualTo(Integer.toString(x.body.size()));
        assertThat(x.headers.get("X-Request-Id")).isEqualTo("abc-123");
        assertThat(servers.calls).extracting(FakeServers.Call::argument).contains("null/null/" + Params.DEFAULT_LIMIT);
        assertThat(accessLines).singleElement().asString()
                .startsWith("method=GET path=/api/servers status=200 duration_ms=")
                .endsWith(" remote=203.0.113.7 account=" + alice.id() + " request_id=abc-123");
    }

    @Test
    void aNewPageFromCoreIsWrittenAnew() throws Exception {
        String token = bearer(alice);
        assertThat(call("GET", "/api/servers", null, Map.of("Authorization", token)).text()).doesNotContain("db-1");

        servers.add(alice.id(), "db-1", ServerStatus.RUNNING);

        assertThat(call("GET", "/api/servers", null, Map.of("Authorization", token)).text()).contains("\"name\":\"db-1\"");
    }

    @Test
    void refusalsAndFailuresAreLeftToTheRestApplication() throws Exception {
        assertThat(call("GET", "/api/servers", null, Map.of()).passedOn).isTrue();
        assertThat(call("GET", "/api/servers", null, Map.of("Authorization", "Bearer not-a-token")).passedOn).isTrue();
        accounts.disable(alice.id());
        assertThat(call("GET", "/api/servers", null, Map.of("Authorization", bearer(alice))).passedOn).isTrue();
        assertThat(accessLines).isEmpty();
    }

    @Test
    void aFailingListIsLeftToTheRestApplication() throws Exception {
        servers.failNext = new IllegalStateException("database gone");

        Exchange x = call("GET", "/api/servers", null, Map.of("Authorization", bearer(alice)));

        assertThat(x.passedOn).isTrue();
        assertThat(x.status).isEqualTo(-1);
        assertThat(x.body.size()).isZero();
    }

    @Test
    void everythingButThePlainListGoesOn() throws Exception {
        String token = bearer(alice);
        assertThat(call("GET", "/api/servers", "status=running", Map.of("Authorization", token)).passedOn).isTrue();
        assertThat(call("GET", "/api/servers", "limit=5", Map.of("Authorization", token)).passedOn).isTrue();
        assertThat(call("POST", "/api/servers", null, Map.of("Authorization", token)).passedOn).isTrue();
        assertThat(call("HEAD", "/api/servers", null, Map.of("Authorization", token)).passedOn).isTrue();
        assertThat(call("GET", "/api/servers", null, Map.of("Authorization", token, "Accept", "text/html")).passedOn).isTrue();
        assertThat(call("GET", "/api/servers", null, Map.of("Authorization", token, "Accept", "application/json")).passedOn)
                .isFalse();
        assertThat(servers.calls).hasSize(1);
    }

    @Test
    void theDashboardsAcceptHeaderAndOtherWaysOfAskingForJsonAreAnsweredHere() {
        assertThat(ServerListFilter.acceptsJson(null)).isTrue();
        assertThat(ServerListFilter.acceptsJson("application/json, application/problem+json")).isTrue();
        assertThat(ServerListFilter.acceptsJson("*/*")).isTrue();
        assertThat(ServerListFilter.acceptsJson("text/html, application/*;q=0.2")).isTrue();
        assertThat(ServerListFilter.acceptsJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(ServerListFilter.acceptsJson("text/html")).isFalse();
        assertThat(ServerListFilter.acceptsJson("application/json;q=0")).isFalse();
        assertThat(ServerListFilter.acceptsJson("application/json;q=high")).isFalse();
    }

    private Exchange call(String method, String path, String query, Map<String, String> headers) throws Exception {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        Exchange x = new Exchange();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getQueryString" -> query;
                    case "getHeader" -> h.get((String) args[0]);
                    case "getRemoteAddr" -> "203.0.113.7";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                x.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> x.status = (Integer) args[0];
                        case "setContentType" -> x.headers.put("Content-Type", (String) args[0]);
                        case "setContentLength" -> x.headers.put("Content-Length", args[0].toString());
                        case "setHeader" -> x.headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
        FilterChain chain = (req, res) -> x.passedOn = true;
        filter.doFilter(request, response, chain);
        return x;
    }
}
