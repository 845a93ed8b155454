package io.berth.testbed.pve.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.x requests from a connection: request line, headers, and a body sized by
 * {@code Content-Length} or sent chunked. Bodies are limited to 64 KiB like pveproxy's
 * {@code $limit_max_post}. Answers {@code Expect: 100-continue}.
 */
final class HttpRequestReader {

    static final int MAX_BODY = 64 * 1024;
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    private final InputStream in;
    private final OutputStream out;
    private final String peer;

    HttpRequestReader(InputStream in, OutputStream out, String peer) {
        this.in = in;
        this.out = out;
        this.peer = peer;
    }

    /** The next request, or null when the client closed the connection between requests. */
    HttpRequest read() throws IOException, MalformedRequestException {
        String line = readLine(true);
        while (line != null && line.isEmpty()) {
            line = readLine(true); // tolerate empty lines between requests
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            throw new MalformedRequestException(400, "bad request");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new MalformedRequestException(506, "http protocol version " + parts[2].substring(5) + " not supported");
        }
        String target = parts[1];
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? "" : target.substring(q + 1);
        Map<String, String> headers = readHeaders();
        byte[] body = readBody(headers);
        return new HttpRequest(parts[0], rawPath, rawQuery, parts[2], headers, body, peer);
    }

    private Map<String, String> readHeaders() throws IOException, MalformedRequestException {
        Map<String, String> headers = new LinkedHashMap<>();
        String lastKey = null;
        for (int i = 0; ; i++) {
            if (i > MAX_HEADERS) {
                throw new MalformedRequestException(400, "too many headers");
            }
            String line = readLine(false);
            if (line == null) {
                throw new MalformedRequestException(400, "unexpected end of request header");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastKey != null) {
                headers.merge(lastKey, " " + line.trim(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRequestException(506, "unable to parse request header");
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(key, value, (a, b) -> a + ", " + b);
            lastKey = key;
        }
    }

    private byte[] readBody(Map<String, String> headers) throws IOException, MalformedRequestException {
        String te = headers.get("transfer-encoding");
        String cl = headers.get("content-length");
        boolean chunked = te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
        if (!chunked && cl == null) {
            return new byte[0];
        }
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        if (chunked) {
            return readChunked();
        }
        long length;
        try {
            length = Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            throw new MalformedRequestException(400, "invalid content-length");
        }
        if (length < 0) {
            throw new MalformedRequestException(400, "invalid content-length");
        }
        if (length > MAX_BODY) {
            throw new MalformedRequestException(501, "for data too large");
        }
        return in.readNBytes((int) length);
    }

    private byte[] readChunked() throws IOException, MalformedRequestException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            if (sizeLine == null) {
                throw new MalformedRequestException(400, "unexpected end of chunked body");
            }
            int semi = sizeLine.indexOf(';');
            String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new MalformedRequestException(400, "invalid chunk size");
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(false);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY) {
                throw new MalformedRequestException(501, "for data too large");
            }
            body.write(in.readNBytes(size));
            readLine(false);
        }
    }

    /** A line without its CRLF; null at end of stream (only allowed before any byte when {@code eofOk}). */
    private String readLine(boolean eofOk) throws IOException, MalformedRequestException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0 && eofOk) {
                    return null;
                }
                if (line.size() == 0) {
                    return null;
                }
                throw new MalformedRequestException(400, "unexpected end of line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new MalformedRequestException(400, "request line too long");
            }
            line.write(b);
        }
    }
}
