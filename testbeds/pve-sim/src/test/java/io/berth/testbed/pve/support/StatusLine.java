package io.berth.testbed.pve.support;

import io.berth.testbed.pve.PveSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads the raw status line of an answer (the JDK HttpClient hides the reason phrase, where
 * PVE puts its error message).
 */
public final class StatusLine {

    private StatusLine() {
    }

    public static String fetch(PveSimulator sim, String method, String path, Map<String, String> headers, String body)
            throws IOException {
        String host = sim.baseUri().getHost();
        int port = sim.baseUri().getPort();
        try (Socket socket = sim.clientSslContext() == null ? new Socket(host, port)
                : sim.clientSslContext().getSocketFactory().createSocket(host, port)) {
            socket.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder();
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            req.append(method).append(' ').append("/api2/json").append(path).append(" HTTP/1.1\r\n");
            req.append("Host: ").append(host).append("\r\nConnection: close\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                req.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(bytes.length).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            return in.readLine();
        }
    }

    public static String tokenHeader(PveSimulator sim) {
        return "PVEAPIToken=" + sim.tokenId() + "=" + sim.tokenSecret();
    }
}
