package io.berth.console.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Gogo command per connection for {@code bin/berth-shell}, on a loopback port only. A
 * client proves it may by sending the token the runtime writes to {@code data/shell.token}
 * (readable by the runtime's user only). Protocol: the token line, the command line; the answer is
 * the command's output followed by a last line {@value #EXIT_MARKER}N.
 */
@Component(service = {})
public final class RemoteShell {

    static final String EXIT_MARKER = "%berth-exit:";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteShell.class);

    private final CommandProcessor processor;
    private final ServerSocket server;
    private final byte[] token;
    private final Path tokenFile;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "berth-remote-shell");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public RemoteShell(BundleContext context, @Reference CommandProcessor processor) throws IOException {
        this.processor = processor;
        int port = Integer.parseInt(String.valueOf(context.getProperty("berth.shell.port") == null ? "8101"
                : context.getProperty("berth.shell.port")));
        String home = context.getProperty("berth.home");
        this.tokenFile = Path.of(home == null ? "." : home, "data", "shell.token");
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
        this.token = secret.getBytes(StandardCharsets.US_ASCII);
        if (port == 0) {
            this.server = null;
            return;
        }
        writeToken(tokenFile, secret);
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        Thread acceptor = new Thread(this::accept, "berth-remote-shell-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("remote shell listening address=127.0.0.1:{} token_file={}", port, tokenFile);
    }

    private static void writeToken(Path file, String secret) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + "\n");
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                workers.execute(() -> serve(socket));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("remote shell accept failed: {}", e.getMessage());
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream raw = socket.getOutputStream();
            PrintStream out = new PrintStream(raw, true, StandardCharsets.UTF_8);
            String presented = in.readLine();
            if (presented == null || !MessageDigest.isEqual(token, presented.trim().getBytes(StandardCharsets.US_ASCII))) {
                out.println("refused: wrong token (read it from " + tokenFile + ")");
                out.println(EXIT_MARKER + 77);
                LOG.warn("remote shell refused a client with a wrong token");
                return;
            }
            String command = in.readLine();
            socket.setSoTimeout(0);
            out.println(EXIT_MARKER + execute(command == null ? "" : command, out));
        } catch (IOException e) {
            LOG.debug("remote shell connection ended: {}", e.getMessage());
        }
    }

    int execute(String command, PrintStream out) {
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(command);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            return 0;
        } catch (Exception e) {
            out.println("error: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            return 1;
        }
    }

    @Deactivate
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
        Files.deleteIfExists(tokenFile);
    }
}
