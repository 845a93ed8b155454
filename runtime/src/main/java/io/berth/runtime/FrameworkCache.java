package io.berth.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decides whether Felix's bundle cache ({@code data/felix-cache}) is reused or made afresh. Reusing
 * it spares installing every bundle again at each start. It is reused only when it was left by a
 * clean stop with the same bundle set: the key (the distribution's feature descriptors, bundle jars
 * and launcher class path, by name, size and modification time) is written into the cache when the
 * framework stops cleanly with the bundles the launcher installed, and removed at every start, so
 * a crashed run, a changed distribution or bundles installed or updated by hand all lead to a fresh
 * cache.
 */
final class FrameworkCache {

    static final String KEY_FILE = "berth-bundle-set.key";

    private final Path dir;
    private final String key;

    FrameworkCache(Path dir, String key) {
        this.dir = dir;
        this.key = key;
    }

    /** The cache of a home for a distribution's bundle set. */
    static FrameworkCache of(Home home, List<Feature> features) throws IOException {
        return new FrameworkCache(home.frameworkCache(), key(home, features));
    }

    /** The bundle set: feature descriptors, bundle jars, the launcher jar and its class path (the framework). */
    static String key(Home home, List<Feature> features) throws IOException {
        StringBuilder s = new StringBuilder();
        describeEach(s, home.features());
        for (Feature feature : features) {
            for (Feature.Artifact artifact : feature.bundles()) {
                s.append(artifact.startLevel()).append(' ');
                describe(s, home.system().resolve(artifact.fileName()));
            }
        }
        Path distribution = home.system().getParent();
        describe(s, distribution.resolve("berth-launcher.jar"));
        Path lib = distribution.resolve("lib");
        if (Files.isDirectory(lib)) {
            describeEach(s, lib);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file of the folder, by name. */
    private static void describeEach(StringBuilder s, Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                describe(s, f);
            }
        }
    }

    private static void describe(StringBuilder s, Path file) throws IOException {
        s.append(file.toAbsolutePath()).append(' ');
        if (Files.exists(file)) {
            s.append(Files.size(file)).append(' ').append(Files.getLastModifiedTime(file).toMillis());
        } else {
            s.append("missing");
        }
        s.append('\n');
    }

    /** Whether the cache was sealed by a clean stop with this bundle set. */
    boolean reusable() {
        try {
            return key.equals(Files.readString(dir.resolve(KEY_FILE), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }

    /** Forgets the key: until {@link #seal()}, the next start makes a fresh cache. */
    void invalidate() throws IOException {
        Files.deleteIfExists(dir.resolve(KEY_FILE));
    }

    /** Records that the cache holds this bundle set, left by a clean stop. */
    void seal() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path tmp = dir.resolve(KEY_FILE + ".tmp");
        Files.writeString(tmp, key, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(KEY_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the whole cache. */
    void delete() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
