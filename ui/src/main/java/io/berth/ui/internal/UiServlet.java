package io.berth.ui.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves the dashboard built into this bundle ({@code /webroot}) through the Servlet Whiteboard.
 *
 * <p>It is registered on {@code "/"}, the servlet default mapping: the whiteboard hands it only the
 * requests that no other servlet matches (exact, path and extension mappings all rank higher), so
 * the REST API under {@code /api/*} and the Web Console under {@code /system/*} always win. It
 * refuses those prefixes (404) anyway, in case their bundles are stopped.
 */
@Component(service = Servlet.class, configurationPid = UiServlet.PID)
@Designate(ocd = UiServlet.Config.class)
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardServletName(UiServlet.PID)
public final class UiServlet extends HttpServlet {

    static final String PID = "io.berth.ui";
    static final String WEBROOT = "webroot";

    private static final long serialVersionUID = 1L;

    @ObjectClassDefinition(
            name = "Berth dashboard",
            description = "Serves the React dashboard at / with index.html for client-side routes.")
    public @interface Config {

        @AttributeDefinition(
                name = "Reserved path prefixes",
                description = "Paths that belong to other bundles (REST API, Web Console): never answered with the dashboard, always 404 here.")
        String[] reserved_prefixes() default {"/api", "/system"};
    }

    private final transient StaticFiles files;

    @Activate
    public UiServlet(Config config) {
        this(new StaticFiles(UiServlet::bundled, List.of(config.reserved_prefixes())));
    }

    UiServlet(StaticFiles files) {
        this.files = files;
    }

    /** A file of the built dashboard inside this bundle, or null. */
    private static URL bundled(String path) {
        ClassLoader loader = UiServlet.class.getClassLoader();
        URL url = loader.getResource(WEBROOT + path);
        // Directories are not files ("/assets" may resolve to the folder entry).
        return url == null || url.getPath().endsWith("/") ? null : url;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StaticFiles.Resolution resolution = files.resolve(pathOf(request));
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!resolution.found()) {
            notFound(response, resolution.reserved());
            return;
        }
        URLConnection connection = resolution.resource().openConnection();
        long length = connection.getContentLengthLong();
        long modified = connection.getLastModified();
        String etag = "W/\"" + Long.toHexString(length) + "-" + Long.toHexString(modified) + "\"";

        response.setHeader("Cache-Control", resolution.cacheControl());
        response.setHeader("ETag", etag);
        if (resolution.contentType().startsWith("text/html")) {
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "same-origin");
        }
        if (matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(resolution.contentType());
        if (length >= 0) {
            response.setContentLengthLong(length);
        }
        try (InputStream in = connection.getInputStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || ("W/" + tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The request path inside the context, whatever pattern the servlet was registered with. */
    static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }

    private static void notFound(HttpServletResponse response, boolean reserved) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setHeader("Cache-Control", StaticFiles.NO_CACHE);
        byte[] body;
        if (reserved) {
            // The API answers in problem documents; keep that shape when its bundle is absent.
            response.setContentType("application/problem+json");
            body = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}".getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("text/plain;charset=UTF-8");
            body = "Not found\n".getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
