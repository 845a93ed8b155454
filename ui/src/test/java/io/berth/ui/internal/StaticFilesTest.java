package io.berth.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticFilesTest {

    /** The test web root: index.html, favicon.svg, assets/index-Ab12Cd34.js, assets/index-Ef56Gh78.css. */
    static URL testFile(String path) {
        URL url = StaticFilesTest.class.getClassLoader().getResource("testroot" + path);
        return url == null || url.getPath().endsWith("/") ? null : url;
    }

    private final StaticFiles files = new StaticFiles(StaticFilesTest::testFile, List.of("/api", "system/"));

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "/servers", "/servers/", "/servers/0f8e-42", "/servers/new", "/login", "/assets"})
    void clientRoutesGetIndexHtmlWithoutCaching(String path) {
        StaticFiles.Resolution r = files.resolve(path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.resource().getPath()).endsWith("testroot/index.html");
        assertThat(r.contentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(r.cacheControl()).isEqualTo("no-cache");
    }

    @Test
    void hashedAssetsAreImmutable() {
        StaticFiles.Resolution js = files.resolve("/assets/index-Ab12Cd34.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.contentType()).isEqualTo("text/javascript;charset=UTF-8");
        assertThat(js.cacheControl()).isEqualTo("public, max-age=31536000, immutable");

        StaticFiles.Resolution css = files.resolve("/assets/index-Ef56Gh78.css");
        assertThat(css.contentType()).isEqualTo("text/css;charset=UTF-8");
        assertThat(css.cacheControl()).isEqualTo(StaticFiles.IMMUTABLE);
    }

    @Test
    void filesOutsideAssetsAreRevalidated() {
        StaticFiles.Resolution icon = files.resolve("/favicon.svg");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.contentType()).isEqualTo("image/svg+xml");
        assertThat(icon.cacheControl()).isEqualTo("no-cache");

        StaticFiles.Resolution index = files.resolve("/index.html");
        assertThat(index.contentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(index.cacheControl()).isEqualTo("no-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/assets/missing-123.js", "/robots.txt", "/servers/app.js", "/assets/index-Ab12Cd34.js.map"})
    void missingFilesAre404NotIndexHtml(String path) {
        StaticFiles.Resolution r = files.resolve(path);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.found()).isFalse();
        assertThat(r.reserved()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/", "/api/servers", "/api/index.html", "/API/servers", "/system", "/system/console", "/system/console/bundles"})
    void apiAndSystemPathsAreNeverTheDashboard(String path) {
        StaticFiles.Resolution r = files.resolve(path);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.reserved()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/apiary", "/systems", "/api-docs"})
    void onlyWholeSegmentsAreReserved(String path) {
        assertThat(files.resolve(path).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/assets/../../etc/passwd", "/assets/./index-Ab12Cd34.js", "/a\\b.js", "//index.html"})
    void traversalIsRefused(String path) {
        assertThat(files.resolve(path).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource({
        "/a.html, text/html;charset=UTF-8",
        "/a.mjs, text/javascript;charset=UTF-8",
        "/a.json, application/json",
        "/a.png, image/png",
        "/a.ico, image/x-icon",
        "/a.woff2, font/woff2",
        "/a.webmanifest, application/manifest+json",
        "/a.PNG, image/png",
        "/a.unknown, application/octet-stream",
    })
    void contentTypes(String path, String type) {
        assertThat(StaticFiles.contentType(path)).isEqualTo(type);
    }

    @Test
    void withoutABuiltDashboardEverythingIs404() {
        StaticFiles empty = new StaticFiles(path -> null, List.of("/api"));
        assertThat(empty.resolve("/").status()).isEqualTo(404);
        assertThat(empty.resolve("/servers").status()).isEqualTo(404);
    }
}
