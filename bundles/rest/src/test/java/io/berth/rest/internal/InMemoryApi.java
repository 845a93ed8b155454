package io.berth.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The bundle's resources, filters and mappers in a Jersey application run in-process: the same
 * objects the whiteboard gets, the whole request pipeline, no HTTP. The servlet request the
 * runtime would give is a stand-in that knows the client address.
 */
final class InMemoryApi {

    static final String BASE = "http://localhost/api/";

    /** An answer: status, headers, body text. */
    record Reply(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return String.join(",", e.getValue());
                }
            }
            return null;
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private final ApplicationHandler handler;
    volatile String remoteAddress = "203.0.113.7";

    InMemoryApi(Object... components) {
        ResourceConfig config = new ResourceConfig();
        for (Object c : components) {
            config.register(c);
        }
        HttpServletRequest servletRequest = (HttpServletRequest) Proxy.newProxyInstance(
                InMemoryApi.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remoteAddress;
                    case "toString" -> "stand-in servlet request";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(servletRequest).to(HttpServletRequest.class);
            }
        });
        this.handler = new ApplicationHandler(config);
    }

    Reply call(String method, String path, String body, String... headers) {
        ContainerRequest request = new ContainerRequest(URI.create(BASE), URI.create(BASE + path), method,
                INSECURE, new MapPropertiesDelegate(), handler.getConfiguration());
        Map<String, String> h = new LinkedHashMap<>();
        if (body != null) {
            h.put("Content-Type", "application/json");
            request.setEntityStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        h.forEach(request::header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ContainerResponse response = handler.apply(request, out).get();
            return new Reply(response.getStatus(), response.getStringHeaders(), out.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String... headers) {
        return call("GET", path, null, headers);
    }

    Reply post(String path, String body, String... headers) {
        return call("POST", path, body, headers);
    }

    private static final SecurityContext INSECURE = new SecurityContext() {
        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    };
}
