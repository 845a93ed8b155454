package io.berth.ui.internal;

import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides what to answer for a path: a built file, {@code index.html} for a client-side route,
 * or 404. Pure logic (no servlet API) so that it can be tested on its own.
 *
 * <ul>
 *   <li>paths under a reserved prefix ({@code /api}, {@code /system}) belong to other bundles:
 *       404, never the dashboard;</li>
 *   <li>a path whose last segment has a file extension is a file: served if it exists, else 404
 *       (a missing script must not turn into HTML);</li>
 *   <li>any other path is a client-side route: {@code index.html};</li>
 *   <li>{@code /assets/*} carries a content hash in its name, so it is cached for a year as
 *       immutable; everything else (index.html above all) is {@code no-cache}, so a new
 *       deployment is picked up at the next navigation.</li>
 * </ul>
 */
final class StaticFiles {

    static final String INDEX = "/index.html";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";

    private static final String ASSETS = "/assets/";
    private static final String DEFAULT_TYPE = "application/octet-stream";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=UTF-8"),
            Map.entry("js", "text/javascript;charset=UTF-8"),
            Map.entry("mjs", "text/javascript;charset=UTF-8"),
            Map.entry("css", "text/css;charset=UTF-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain;charset=UTF-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("wasm", "application/wasm"));

    /** What to send back. {@code resource} is null exactly when {@code status} is 404. */
    record Resolution(int status, URL resource, String contentType, String cacheControl, boolean reserved) {

        static Resolution notFound(boolean reserved) {
            return new Resolution(404, null, null, null, reserved);
        }

        boolean found() {
            return resource != null;
        }
    }

    private final Function<String, URL> lookup;
    private final List<String> reservedPrefixes;

    /**
     * @param lookup finds a built file by its path ("/assets/index-abc.js"), null when absent
     * @param reservedPrefixes path prefixes that are never answered with the dashboard
     */
    StaticFiles(Function<String, URL> lookup, List<String> reservedPrefixes) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.reservedPrefixes = reservedPrefixes.stream()
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .map(p -> p.startsWith("/") ? p : "/" + p)
                .map(p -> p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p)
                .map(p -> p.toLowerCase(Locale.ROOT))
                .toList();
    }

    Resolution resolve(String requestPath) {
        String path = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        if (isReserved(path)) {
            return Resolution.notFound(true);
        }
        if (!isSafe(path)) {
            return Resolution.notFound(false);
        }
        if (path.equals("/") || path.endsWith("/") || !hasExtension(path)) {
            return index();
        }
        URL file = lookup.apply(path);
        if (file == null) {
            return Resolution.notFound(false);
        }
        String cache = path.startsWith(ASSETS) ? IMMUTABLE : NO_CACHE;
        return new Resolution(200, file, contentType(path), cache, false);
    }

    private Resolution index() {
        URL index = lookup.apply(INDEX);
        return index == null
                ? Resolution.notFound(false)
                : new Resolution(200, index, contentType(INDEX), NO_CACHE, false);
    }

    boolean isReserved(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String prefix : reservedPrefixes) {
            if (lower.equals(prefix) || lower.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /** No way out of the web root and nothing a file name would not contain. */
    static boolean isSafe(String path) {
        if (!path.startsWith("/") || path.contains("\\") || path.contains("//") || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }

    static boolean hasExtension(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot > 0 && dot < last.length() - 1;
    }

    static String contentType(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        if (dot < 0) {
            return DEFAULT_TYPE;
        }
        return TYPES.getOrDefault(last.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT_TYPE);
    }
}
