package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ApiProbeTest {

    @Test
    void answersOnlyOnceTheApiIsUp() throws Exception {
        // Jetty answers 404 until the whiteboard serves the application, then /api/health 503 until it is complete
        try (FakeServer server = new FakeServer("404 Not Found", "404 Not Found", "503 Service Unavailable", "200 OK")) {
            ApiProbe probe = new ApiProbe("0.0.0.0", server.port());
            assertThat(probe.answers()).isFalse();
            assertThat(probe.await(Duration.ofSeconds(10), () -> false)).isTrue();
            assertThat(server.requests()).hasSize(4).allMatch(r -> r.startsWith("GET /api/health HTTP/1.1"));
        }
    }

    @Test
    void givesUpAtTheTimeoutOrWhenAskedToStop() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ApiProbe probe = new ApiProbe("127.0.0.1", closed);
        assertThat(probe.await(Duration.ofMillis(200), () -> false)).isFalse();
        assertThat(probe.await(Duration.ofSeconds(30), () -> true)).isFalse();
    }

    /** Answers each connection with the next status line (the last one from then on). */
    private static final class FakeServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0);
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread thread;

        FakeServer(String... statuses) throws IOException {
            AtomicInteger next = new AtomicInteger();
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        byte[] buffer = new byte[512];
                        int n = client.getInputStream().read(buffer);
                        requests.add(new String(buffer, 0, Math.max(n, 0), StandardCharsets.US_ASCII));
                        String status = statuses[Math.min(next.getAndIncrement(), statuses.length - 1)];
                        OutputStream out = client.getOutputStream();
                        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5_000);
        }
    }
}
