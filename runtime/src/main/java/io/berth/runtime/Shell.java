package io.berth.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code bin/berth-shell COMMAND…}: runs one Gogo command in the running Berth through its
 * loopback remote shell, authenticated with the token in {@code data/shell.token}. Exits with the
 * command's status.
 */
public final class Shell {

    static final String EXIT_MARKER = "%berth-exit:";

    private Shell() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: berth-shell <gogo command…>   e.g. berth-shell berth:status");
            System.exit(2);
        }
        Path home = Path.of(System.getProperty("berth.home", Main.distribution().getParent().toString()));
        int port = Settings.port(System.getenv(), "BERTH_SHELL_PORT", 8101);
        System.exit(run(home, port, String.join(" ", args), System.out, System.err));
    }

    static int run(Path home, int port, String command, PrintStream out, PrintStream err) {
        Path tokenFile = home.resolve("data").resolve("shell.token");
        String token;
        try {
            token = Files.readString(tokenFile).trim();
        } catch (NoSuchFileException e) {
            err.println("berth-shell: " + tokenFile + " does not exist: is Berth running with this home?");
            return 3;
        } catch (IOException e) {
            err.println("berth-shell: cannot read " + tokenFile + ": " + e.getMessage());
            return 3;
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            PrintStream send = new PrintStream(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            send.println(token);
            send.println(command);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(EXIT_MARKER)) {
                    return Integer.parseInt(line.substring(EXIT_MARKER.length()).trim());
                }
                out.println(line);
            }
            err.println("berth-shell: the connection closed before the command finished");
            return 4;
        } catch (IOException e) {
            err.println("berth-shell: cannot reach the shell on 127.0.0.1:" + port + ": " + e.getMessage());
            return 3;
        }
    }
}
