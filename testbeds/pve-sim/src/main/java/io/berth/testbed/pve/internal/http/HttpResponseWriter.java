package io.berth.testbed.pve.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes a response with its own reason phrase, the way pveproxy puts its messages there. */
final class HttpResponseWriter {

    private HttpResponseWriter() {
    }

    static void write(OutputStream out, HttpResponse response, boolean close) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        String statusLine = "HTTP/1.1 " + response.status() + " " + sanitise(response.reason()) + "\r\n";
        head.writeBytes(statusLine.getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, String> h : response.headers()) {
            head.writeBytes((h.getKey() + ": " + sanitise(h.getValue()) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        head.writeBytes(("Content-Length: " + response.body().length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        head.writeBytes((close ? "Connection: close\r\n" : "Connection: Keep-Alive\r\n").getBytes(StandardCharsets.ISO_8859_1));
        head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.write(head.toByteArray());
        out.write(response.body());
        out.flush();
    }

    /** One line of printable ASCII: newlines become spaces, trailing space is dropped. */
    static String sanitise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                sb.append(' ');
            } else if (c < 0x20 || c > 0x7e) {
                sb.append('?');
            } else {
                sb.append(c);
            }
        }
        return sb.toString().strip();
    }
}
