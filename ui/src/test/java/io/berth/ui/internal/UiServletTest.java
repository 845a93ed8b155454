package io.berth.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drives the servlet through hand-made request/response stand-ins (no container needed). */
class UiServletTest {

    private final UiServlet servlet = new UiServlet(new StaticFiles(StaticFilesTest::testFile, List.of("/api", "/system")));

    /** What the servlet sent back. */
    static final class Answer {
        int status = 200;
        String contentType;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private Answer get(String servletPath, String pathInfo, Map<String, String> requestHeaders) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "getMethod" -> "GET";
                            case "getServletPath" -> servletPath;
                            case "getPathInfo" -> pathInfo;
                            case "getHeader" -> requestHeaders.get((String) args[0]);
                            case "getProtocol" -> "HTTP/1.1";
                            case "getDateHeader" -> -1L;
                            default -> null;
                        });
        Answer answer = new Answer();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}

            @Override
            public void write(int b) {
                answer.body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> answer.status = (Integer) args[0];
                        case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                        case "setContentType" -> answer.contentType = (String) args[0];
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> {
                            // lengths and the like are not checked here
                        }
                    }
                    return null;
                });
        servlet.service(request, response);
        return answer;
    }

    private Answer get(String servletPath) throws Exception {
        return get(servletPath, null, Map.of());
    }

    @Test
    void clientRouteGetsIndexHtml() throws Exception {
        Answer answer = get("/servers/42");
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.contentType).isEqualTo("text/html;charset=UTF-8");
        assertThat(answer.headers).containsEntry("Cache-Control", "no-cache").containsKey("ETag");
        assertThat(answer.headers).containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(answer.body()).contains("<div id=\"root\">");
    }

    @Test
    void worksWithAPathMappingToo() throws Exception {
        // Registered as "/*" instead of "/": the path arrives in pathInfo.
        Answer answer = get("", "/assets/index-Ab12Cd34.js", Map.of());
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.contentType).isEqualTo("text/javascript;charset=UTF-8");
        assertThat(answer.headers).containsEntry("Cache-Control", "public, max-age=31536000, immutable");
        assertThat(answer.body()).isEqualTo("console.log(\"app\");\n");
    }

    @Test
    void missingAssetIsPlain404() throws Exception {
        Answer answer = get("/assets/gone-1234.js");
        assertThat(answer.status).isEqualTo(404);
        assertThat(answer.contentType).startsWith("text/plain");
    }

    @Test
    void apiPathIsProblem404() throws Exception {
        Answer answer = get("/api/servers");
        assertThat(answer.status).isEqualTo(404);
        assertThat(answer.contentType).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"status\":404");
    }

    @Test
    void unchangedFileIs304() throws Exception {
        String etag = get("/").headers.get("ETag");
        Answer again = get("/", null, Map.of("If-None-Match", etag));
        assertThat(again.status).isEqualTo(304);
        assertThat(again.body.size()).isZero();
    }
}
