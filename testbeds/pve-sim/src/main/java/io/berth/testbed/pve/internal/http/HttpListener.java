package io.berth.testbed.pve.internal.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small blocking HTTP/1.1 server: one accept thread and a bounded pool with one thread per
 * open connection (pveproxy too caps its connections). A connection beyond the cap is closed
 * at once. TLS is layered over each accepted plain socket so that a fault can still reset the
 * TCP connection underneath.
 */
public final class HttpListener implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HttpListener.class.getName());

    private final ServerSocket server;
    private final SSLSocketFactory tls;
    private final HttpHandler handler;
    private final Duration idleTimeout;
    private final ThreadPoolExecutor pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private HttpListener(ServerSocket server, SSLContext ssl, HttpHandler handler, int maxConnections,
                         Duration idleTimeout, String name) {
        this.server = server;
        this.tls = ssl == null ? null : ssl.getSocketFactory();
        this.handler = handler;
        this.idleTimeout = idleTimeout;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name + "-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds and starts serving.
     * @param ssl the TLS context, or null for plain HTTP
     */
    public static HttpListener start(InetAddress bind, int port, SSLContext ssl, HttpHandler handler,
                                     int maxConnections, Duration idleTimeout, String name) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bind, port), 1024);
        HttpListener listener = new HttpListener(server, ssl, handler, maxConnections, idleTimeout, name);
        listener.acceptor.start();
        return listener;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.toString());
                }
                continue;
            }
            open.add(socket);
            try {
                pool.execute(new HttpConnection(socket, tls, handler, idleTimeout, open));
            } catch (RejectedExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, "too many connections, closing {0}", socket.getRemoteSocketAddress());
                open.remove(socket);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing server socket: {0}", e.toString());
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        pool.shutdownNow();
        try {
            acceptor.join(2000);
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
