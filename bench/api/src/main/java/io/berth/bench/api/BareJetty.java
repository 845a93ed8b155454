package io.berth.bench.api;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The baseline of bench/api: a bare Jetty 12 server (same Jetty version as the runtime, default
 * thread pool, one HTTP/1.1 connector on loopback) whose single handler answers every request with
 * the bytes of a file read once at start, with the same content type Berth sends. No routing, no
 * authentication, no database, no JSON work: what is left is the HTTP stack and the JVM.
 *
 * <p>Usage: {@code BareJetty PORT BODY_FILE [CONTENT_TYPE]}
 */
public final class BareJetty {

    private BareJetty() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BareJetty PORT BODY_FILE [CONTENT_TYPE]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        String contentType = args.length > 2 ? args[2] : "application/json";
        ByteBuffer bytes = ByteBuffer.wrap(body).asReadOnlyBuffer();

        Server server = new Server(new QueuedThreadPool());
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        // a blocking handler: dispatched to the thread pool like a servlet, as Berth's requests are
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                response.write(true, bytes.slice(), callback);
                return true;
            }
        });
        server.start();
        System.out.println("bare-jetty listening on http://127.0.0.1:" + connector.getLocalPort() + " body="
                + body.length + " bytes type=" + contentType);
        server.join();
    }
}
