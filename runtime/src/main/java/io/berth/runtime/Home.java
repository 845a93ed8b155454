package io.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders of a Berth installation: {@code etc/} (configuration watched by FileInstall),
 * {@code deploy/} (hot-deployed bundles), {@code data/} (state kept across restarts), and the
 * assembled {@code system/} bundles and {@code features/} descriptors.
 */
public record Home(Path root, Path system, Path features) {

    public static Home of(Path root, Path distribution) {
        return new Home(root.toAbsolutePath().normalize(), distribution.resolve("system").toAbsolutePath().normalize(),
                distribution.resolve("features").toAbsolutePath().normalize());
    }

    public Path etc() {
        return root.resolve("etc");
    }

    public Path deploy() {
        return root.resolve("deploy");
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path frameworkCache() {
        return data().resolve("felix-cache");
    }

    public Path configurations() {
        return data().resolve("config");
    }

    public Path postgres() {
        return data().resolve("postgres");
    }

    public void create() throws IOException {
        for (Path dir : new Path[] {etc(), deploy(), data(), configurations()}) {
            Files.createDirectories(dir);
        }
    }
}
