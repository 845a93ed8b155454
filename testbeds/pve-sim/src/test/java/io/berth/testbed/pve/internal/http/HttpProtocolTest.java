package io.berth.testbed.pve.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testbed.pve.LatencyProfile;
import io.berth.testbed.pve.PveSimulator;
import io.berth.testbed.pve.SimOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand-written HTTP/1.1 server: chunked bodies, 100-continue, keep-alive, limits, garbage. */
class HttpProtocolTest {

    private static PveSimulator sim;

    @BeforeAll
    static void start() {
        sim = PveSimulator.start(SimOptions.builder().http().profile(LatencyProfile.FAST)
                .keepAliveIdle(Duration.ofMillis(400)).password("pw").build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", sim.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void chunkedBodiesAreDecoded() throws IOException {
        try (Socket s = connect()) {
            String body = "username=root%40pam&password=pw";
            write(s, "POST /api2/json/access/ticket HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
                    + Integer.toHexString(10) + "\r\n" + body.substring(0, 10) + "\r\n"
                    + Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10) + "\r\n0\r\n\r\n");
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void expectContinueIsAnswered() throws IOException {
        try (Socket s = connect()) {
            String body = "username=root%40pam&password=pw";
            write(s, "POST /api2/json/access/ticket HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                    + body.length() + "\r\n\r\n");
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(in.readLine()).isEmpty();
            write(s, body);
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void authenticationFailuresCloseTheConnection() throws IOException {
        try (Socket s = connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            write(s, "GET /api2/json/version HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 401 No ticket");
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                assertThat(line).doesNotStartWith("Content-Type");
            }
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void keepAliveThenIdleClose() throws Exception {
        try (Socket s = connect()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            for (String path : new String[] {"/_sim/state", "/_sim/faults"}) {
                write(s, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                int length = 0;
                String line;
                while (!(line = in.readLine()).isEmpty()) {
                    if (line.startsWith("Content-Length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                    if (line.startsWith("Connection:")) {
                        assertThat(line).isEqualTo("Connection: Keep-Alive");
                    }
                }
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(body, read, length - read);
                }
            }
            long idleStart = System.nanoTime();
            assertThat(in.read()).as("closed by the idle timeout").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - idleStart)).isGreaterThan(Duration.ofMillis(300));
        }
    }

    @Test
    void garbageAndLimits() throws IOException {
        assertThat(exchange("NONSENSE\r\n\r\n")).isEqualTo("HTTP/1.1 400 bad request");
        assertThat(exchange("GET / HTTP/2.0\r\n\r\n")).isEqualTo("HTTP/1.1 506 http protocol version 2.0 not supported");
        assertThat(exchange("POST /api2/json/access/ticket HTTP/1.1\r\nContent-Length: 70000\r\n\r\n"))
                .isEqualTo("HTTP/1.1 501 for data too large");
        assertThat(exchange("GET /index.html HTTP/1.1\r\n\r\n")).isEqualTo("HTTP/1.1 501 no such file '/index.html'");
    }

    private String exchange(String raw) throws IOException {
        try (Socket s = connect()) {
            write(s, raw);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
        }
    }
}
