package io.berth.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Whether Berth's REST API is up yet: {@code GET /api/health} on the HTTP port answers 200 once the
 * database is up and the application serving it holds every resource (503 while either is not, 404
 * before Jersey serves the application, no connection while Jetty starts).
 */
final class ApiProbe {

    private static final Duration PAUSE = Duration.ofMillis(50);

    private final InetSocketAddress address;

    ApiProbe(String host, int port) {
        this.address = new InetSocketAddress(reachable(host), port);
    }

    /** The address to call for a bind address: loopback for the wildcard one. */
    private static InetAddress reachable(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /**
     * Asks every 50 ms until the API is up, the timeout passes or {@code stop} says so.
     *
     * @return whether the API came up
     */
    boolean await(Duration timeout, BooleanSupplier stop) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stop.getAsBoolean() && System.nanoTime() - deadline < 0) {
            if (answers()) {
                return true;
            }
            Thread.sleep(PAUSE.toMillis());
        }
        return false;
    }

    boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return status != null && status.startsWith("HTTP/1.1 200 ");
        } catch (IOException e) {
            return false;
        }
    }
}
