package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkCacheTest {

    @TempDir
    Path dir;
    private Home home;
    private List<Feature> features;

    @BeforeEach
    void distribution() throws Exception {
        Path distribution = dir.resolve("distribution");
        Files.createDirectories(distribution.resolve("system"));
        Files.createDirectories(distribution.resolve("features"));
        Files.createDirectories(distribution.resolve("lib"));
        Files.writeString(distribution.resolve("features/00-a.json"), "{\"bundles\": [{\"id\": \"g:a:1\"}]}");
        Files.writeString(distribution.resolve("system/a-1.jar"), "a");
        Files.writeString(distribution.resolve("lib/felix.jar"), "felix");
        home = Home.of(dir.resolve("home"), distribution);
        features = List.of(new Feature("00-a", "", List.of(new Feature.Artifact("g:a:1", 3)), Map.of()));
    }

    @Test
    void aCacheIsReusedOnlyAfterItWasSealedWithTheSameBundleSet() throws Exception {
        FrameworkCache cache = FrameworkCache.of(home, features);
        assertThat(cache.reusable()).as("no cache yet").isFalse();
        Files.createDirectories(home.frameworkCache());
        cache.seal();
        assertThat(FrameworkCache.of(home, features).reusable()).isTrue();
        cache.invalidate();
        assertThat(FrameworkCache.of(home, features).reusable()).as("a run that did not stop cleanly").isFalse();
    }

    @Test
    void aChangedBundleJarDescriptorStartLevelOrFrameworkMakesAFreshCache() throws Exception {
        String key = FrameworkCache.key(home, features);
        assertThat(FrameworkCache.key(home, features)).isEqualTo(key);

        Path jar = home.system().resolve("a-1.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        String rebuilt = FrameworkCache.key(home, features);
        assertThat(rebuilt).isNotEqualTo(key);

        Files.writeString(home.features().resolve("10-b.json"), "{}");
        String moreFeatures = FrameworkCache.key(home, features);
        assertThat(moreFeatures).isNotEqualTo(rebuilt);

        List<Feature> otherLevel = List.of(new Feature("00-a", "", List.of(new Feature.Artifact("g:a:1", 4)), Map.of()));
        assertThat(FrameworkCache.key(home, otherLevel)).isNotEqualTo(moreFeatures);

        Files.writeString(home.system().getParent().resolve("lib/felix.jar"), "felix 7.1");
        assertThat(FrameworkCache.key(home, features)).isNotEqualTo(moreFeatures);
    }

    @Test
    void aCorruptOrForeignKeyIsNotReused() throws Exception {
        Files.createDirectories(home.frameworkCache());
        Files.writeString(home.frameworkCache().resolve(FrameworkCache.KEY_FILE), "garbage");
        assertThat(FrameworkCache.of(home, features).reusable()).isFalse();
        FrameworkCache.of(home, features).delete();
        assertThat(home.frameworkCache()).doesNotExist();
    }
}
