package io.berth.testbed.pve.internal.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Serves one client connection: TLS handshake (when configured), then requests in a keep-alive
 * loop until the client closes, the idle timeout passes (pveproxy closes idle connections after
 * 5 s), or an {@link Outcome} ends the connection.
 */
final class HttpConnection implements Runnable {

    private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());

    private final Socket raw;
    private final SSLSocketFactory tls;
    private final HttpHandler handler;
    private final Duration idleTimeout;
    private final Set<Socket> open;

    HttpConnection(Socket raw, SSLSocketFactory tls, HttpHandler handler, Duration idleTimeout, Set<Socket> open) {
        this.raw = raw;
        this.tls = tls;
        this.handler = handler;
        this.idleTimeout = idleTimeout;
        this.open = open;
    }

    @Override
    public void run() {
        Socket socket = raw;
        try {
            raw.setTcpNoDelay(true);
            raw.setSoTimeout((int) Math.max(1, idleTimeout.toMillis()));
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.startHandshake();
                socket = ssl;
            }
            serve(socket);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "connection ended: {0}", e.toString());
        } finally {
            closeQuietly(socket);
            closeQuietly(raw);
            open.remove(raw);
        }
    }

    private void serve(Socket socket) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        HttpRequestReader reader = new HttpRequestReader(in, out, raw.getRemoteSocketAddress().toString());
        while (!socket.isClosed()) {
            HttpRequest request;
            try {
                request = reader.read();
            } catch (SocketTimeoutException e) {
                return; // idle keep-alive connection
            } catch (MalformedRequestException e) {
                HttpResponse error = new HttpResponse(e.status(), e.getMessage(), List.of(), new byte[0], true);
                HttpResponseWriter.write(out, error, true);
                return;
            }
            if (request == null) {
                return;
            }
            Outcome outcome = handler.handle(request);
            if (outcome instanceof Outcome.Respond r) {
                boolean close = r.response().close() || !request.keepAlive();
                HttpResponseWriter.write(out, r.response(), close);
                if (close) {
                    return;
                }
            } else if (outcome instanceof Outcome.Reset) {
                reset();
                return;
            } else if (outcome instanceof Outcome.Hang h) {
                sleep(h.duration());
                return;
            }
        }
    }

    /** Closes with SO_LINGER 0 on the plain socket, so the peer gets a TCP reset (no TLS close_notify). */
    private void reset() {
        try {
            raw.setSoLinger(true, 0);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "linger: {0}", e.toString());
        }
        closeQuietly(raw);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "close: {0}", e.toString());
        }
    }
}
