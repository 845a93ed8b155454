package io.berth.provider.proxmox.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

/** A tiny scripted stand-in for Proxmox VE, for transport and parsing tests. */
final class FakePve implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Recorded request) throws Exception;
    }

    record Recorded(String method, String path, String query, String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** @param status HTTP status, or -1 to drop the connection without an answer */
    record Reply(int status, String body, long delayMs) {
        static Reply data(String json) {
            return new Reply(200, "{\"data\":" + json + "}", 0);
        }

        static Reply error(int status, String message) {
            return new Reply(status, "{\"data\":null,\"message\":\"" + message.replace("\"", "\\\"") + "\\n\"}", 0);
        }

        static Reply reset() {
            return new Reply(-1, "", 0);
        }

        Reply delayed(long ms) {
            return new Reply(status, body, ms);
        }
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final HttpServer server;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final String scheme;

    FakePve() throws IOException {
        this(null);
    }

    FakePve(SSLContext tls) throws IOException {
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            scheme = "http";
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
            scheme = "https";
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-pve");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    FakePve route(String method, String pathRegex, Handler handler) {
        routes.add(0, new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    URI base() {
        return URI.create(scheme + "://localhost:" + server.getAddress().getPort() + "/api2/json");
    }

    List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    List<Recorded> requests(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return requests.stream().filter(r -> r.method().equals(method) && p.matcher(r.path()).matches()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = exchange.getRequestURI().getPath().replaceFirst("^/api2/json", "");
            Recorded recorded = new Recorded(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    body, Map.copyOf(exchange.getRequestHeaders()));
            requests.add(recorded);
            Reply reply = null;
            for (Route route : routes) {
                if (route.method().equals(recorded.method()) && route.path().matcher(path).matches()) {
                    try {
                        reply = route.handler().handle(recorded);
                    } catch (Exception e) {
                        reply = Reply.error(500, "fake failed: " + e);
                    }
                    break;
                }
            }
            if (reply == null) {
                reply = Reply.error(501, "Method '" + recorded.method() + " " + path + "' not implemented");
            }
            if (reply.delayMs() > 0) {
                try {
                    Thread.sleep(reply.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (reply.status() < 0) {
                return; // closing without an answer: the client sees the connection drop
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
