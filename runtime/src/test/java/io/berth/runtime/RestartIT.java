package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Restarts on one home: the framework cache is kept while the bundle set stays the same, etc/ and
 * deploy/ stay the source of truth across it, and a changed bundle set starts on a fresh cache.
 */
class RestartIT {

    private static final String FACTORY_PID = "io.berth.it.restart";

    @Test
    void restartsKeepTheCacheWhileTheBundleSetStaysAndFollowEtcAndDeploy(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path distribution = distributionCopy(dir.resolve("distribution"));
        Path config = home.resolve("etc").resolve(FACTORY_PID + "-one.config");
        Path deployed = home.resolve("deploy").resolve("restart.jar");

        try (TestRuntime berth = TestRuntime.start(home, distribution)) {
            assertThat(berth.frameworkCacheReused()).as("first start").isFalse();
            Files.writeString(config, "colour=\"blue\"\n");
            Files.move(TestBundles.manifestOnly(home, "io.berth.it.restart", null), deployed,
                    StandardCopyOption.ATOMIC_MOVE);
            TestRuntime.await(() -> factoryConfigured(berth.context()) ? Optional.of(true) : Optional.empty());
            TestRuntime.await(() -> find(berth.context(), "io.berth.it.restart").filter(b -> b.getState() == Bundle.ACTIVE));
        }

        try (TestRuntime berth = TestRuntime.start(home, distribution)) {
            assertThat(berth.frameworkCacheReused()).as("restart, same bundle set").isTrue();
            assertThat(find(berth.context(), "io.berth.it.restart").map(Bundle::getState)).contains(Bundle.ACTIVE);
            assertThat(factoryConfigured(berth.context())).isTrue();
        }

        // removed while Berth is stopped
        Files.delete(config);
        Files.delete(deployed);
        try (TestRuntime berth = TestRuntime.start(home, distribution)) {
            assertThat(berth.frameworkCacheReused()).isTrue();
            assertThat(factoryConfigured(berth.context())).as("configuration of a removed etc/ file").isFalse();
            TestRuntime.await(() -> find(berth.context(), "io.berth.it.restart").isPresent() ? Optional.empty()
                    : Optional.of(true));
        }

        // a changed bundle set: the WHMCS migrator's feature is gone
        Files.delete(distribution.resolve("features").resolve("70-whmcs.json"));
        try (TestRuntime berth = TestRuntime.start(home, distribution)) {
            assertThat(berth.frameworkCacheReused()).as("restart with another bundle set").isFalse();
            assertThat(find(berth.context(), "io.berth.migrator.whmcs")).isEmpty();
            assertThat(find(berth.context(), "io.berth.core").map(Bundle::getState)).contains(Bundle.ACTIVE);
        }
    }

    @Test
    void aRunThatDidNotStopCleanlyLeavesNoCacheToReuse(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path distribution = distributionCopy(dir.resolve("distribution"));
        try (TestRuntime berth = TestRuntime.start(home, distribution)) {
            assertThat(berth.frameworkCacheReused()).isFalse();
            // while it runs the cache is not marked reusable: a crash now must not leave it to the next start
            assertThat(home.resolve("data/felix-cache").resolve(FrameworkCache.KEY_FILE)).doesNotExist();
            // a bundle installed by hand (as through the Web Console) is not part of the features' set
            Path jar = TestBundles.manifestOnly(home, "io.berth.it.byhand", null);
            berth.context().installBundle(jar.toUri().toString());
        }
        assertThat(home.resolve("data/felix-cache").resolve(FrameworkCache.KEY_FILE)).doesNotExist();
        try (TestRuntime berth = TestRuntime.start(home, distribution)) {
            assertThat(berth.frameworkCacheReused()).isFalse();
            assertThat(find(berth.context(), "io.berth.it.byhand")).isEmpty();
        }
    }

    /** features/ copied (so a test may change it), system/ linked. */
    private static Path distributionCopy(Path target) throws Exception {
        Path real = TestRuntime.distribution();
        Files.createDirectories(target.resolve("features"));
        try (Stream<Path> features = Files.list(real.resolve("features"))) {
            for (Path f : features.toList()) {
                Files.copy(f, target.resolve("features").resolve(f.getFileName()));
            }
        }
        Files.createSymbolicLink(target.resolve("system"), real.resolve("system"));
        return target;
    }

    private static boolean factoryConfigured(BundleContext context) throws Exception {
        try (Configurations configurations = new Configurations(context)) {
            return configurations.exists("(service.factoryPid=" + FACTORY_PID + ")", "(colour=blue)");
        }
    }

    private static Optional<Bundle> find(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }
}
