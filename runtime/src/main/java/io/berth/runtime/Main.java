package io.berth.runtime;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/berth}: runs Berth in the foreground until the framework stops or the process is
 * asked to terminate; both end with exit status 0 after a clean shutdown.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Logging.configure();
        Path distribution = distribution();
        Path root = args.length > 1 && "--home".equals(args[0]) ? Path.of(args[1])
                : Path.of(System.getProperty("berth.home", distribution.getParent().toString()));
        Launcher launcher;
        try {
            Settings settings = Settings.fromEnvironment(System.getenv(), System.console() != null);
            launcher = new Launcher(Home.of(root, distribution), settings);
        } catch (Exception e) {
            Log.error(e.getMessage());
            System.exit(2);
            return;
        }
        AtomicBoolean stopping = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (stopping.compareAndSet(false, true)) {
                Log.info("stopping");
                shutdown(launcher);
                Runtime.getRuntime().halt(0);
            }
        }, "berth-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            launcher.start();
            Log.info("Berth started in " + (System.nanoTime() - t0) / 1_000_000 + " ms, home " + root);
            launcher.awaitStop();
        } catch (Exception e) {
            Log.error("cannot start: " + e.getMessage());
            if (stopping.compareAndSet(false, true)) {
                shutdown(launcher);
            }
            Runtime.getRuntime().halt(1);
        }
        if (stopping.compareAndSet(false, true)) {
            shutdown(launcher);
            Log.info("stopped");
            Runtime.getRuntime().halt(0);
        }
    }

    private static void shutdown(Launcher launcher) {
        try {
            launcher.close();
        } catch (Exception e) {
            Log.error("while stopping: " + e.getMessage());
        }
    }

    /** The folder holding the launcher jar, system/ and features/ (runtime/target in a build). */
    static Path distribution() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
