package io.berth.rest.whiteboard.internal;

import jakarta.servlet.Servlet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.osgitech.rest.runtime.JerseyServiceRuntime;
import org.glassfish.jersey.server.ResourceConfig;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntimeConstants;
import org.osgi.service.jakartars.whiteboard.JakartarsWhiteboardConstants;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The Jakarta REST whiteboard ({@link JerseyServiceRuntime}) on one HTTP whiteboard runtime, under a
 * base path: each whiteboard application gets a servlet context of its own named
 * {@code ContextForRestWhiteboard.<http service id>.instance.<n>} (the names osgitech's adapter
 * gives, which HTTP whiteboard filters select) and an {@link ApplicationMount} serving it there.
 */
final class ServletRuntime {

    static final String CONTEXT_PREFIX = "ContextForRestWhiteboard.";
    /** What the whiteboard tracks: resources, extensions, applications (as osgitech's trackers filter them). */
    static final String WHITEBOARD_SERVICES = "(|(" + JakartarsWhiteboardConstants.JAKARTA_RS_RESOURCE + "=true)("
            + JakartarsWhiteboardConstants.JAKARTA_RS_EXTENSION + "=true)(&(" + Constants.OBJECTCLASS + "="
            + "jakarta.ws.rs.core.Application)(" + JakartarsWhiteboardConstants.JAKARTA_RS_APPLICATION_BASE + "=*)))";

    private final BundleContext context;
    private final String basePath;
    private final long httpId;
    private final String httpTarget;
    private final Duration settle;
    private final Map<String, Object> properties;
    private final JerseyServiceRuntime<ApplicationMount> runtime;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "berth-rest-mount");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger contexts = new AtomicInteger();
    /** Servlet contexts by application path; only the whiteboard's update thread uses it. */
    private final Map<String, ServiceRegistration<ServletContextHelper>> helpers = new HashMap<>();
    private final Set<ApplicationMount> mounts = ConcurrentHashMap.newKeySet();
    /** Hears every change of the services the whiteboard tracks, in the thread that makes it. */
    private final ServiceListener changes = event -> mounts.forEach(ApplicationMount::changed);

    ServletRuntime(BundleContext context, String basePath, ServiceReference<HttpServiceRuntime> http, Duration settle) {
        this.context = context;
        this.basePath = basePath;
        this.httpId = (Long) http.getProperty(Constants.SERVICE_ID);
        this.httpTarget = "(" + Constants.SERVICE_ID + "=" + httpId + ")";
        this.settle = settle;
        this.properties = Map.of(
                JakartarsServiceRuntimeConstants.JAKARTA_RS_SERVICE_ENDPOINT,
                endpoints(http.getProperty(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT), basePath),
                Constants.SERVICE_DESCRIPTION, "REST whiteboard for HttpServiceRuntime " + httpId);
        this.runtime = new JerseyServiceRuntime<>(context, this::mount, this::unmount);
        try {
            context.addServiceListener(changes, WHITEBOARD_SERVICES);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        runtime.start(properties);
    }

    /** Stops the whiteboard, which unmounts every application. */
    void close() {
        context.removeServiceListener(changes);
        runtime.teardown(5, TimeUnit.SECONDS);
        scheduler.shutdownNow();
    }

    /** The whiteboard has a new application path (called on its update thread). */
    private ApplicationMount mount(String path, ResourceConfig application) {
        String applicationPath = application.getApplicationPath() == null ? "" : application.getApplicationPath();
        String contextPath = normalise(basePath + "/" + path.substring(0, path.length() - applicationPath.length()));
        String contextName;
        if (contextPath.equals("/")
                && JakartarsWhiteboardConstants.JAKARTA_RS_DEFAULT_APPLICATION.equals(application.getApplicationName())) {
            contextName = HttpWhiteboardConstants.HTTP_WHITEBOARD_DEFAULT_CONTEXT_NAME;
        } else {
            contextName = CONTEXT_PREFIX + httpId + ".instance." + contexts.incrementAndGet();
            Dictionary<String, Object> helper = new Hashtable<>();
            helper.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_TARGET, httpTarget);
            helper.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME, contextName);
            helper.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH, contextPath);
            helpers.put(path, context.registerService(ServletContextHelper.class, new ServletContextHelper() { }, helper));
        }
        Dictionary<String, Object> servlet = new Hashtable<>();
        String pattern = normalise("/" + applicationPath);
        servlet.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, pattern.equals("/") ? "/*" : pattern + "/*");
        servlet.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED, Boolean.TRUE);
        servlet.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_TARGET, httpTarget);
        servlet.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT,
                "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + contextName + ")");
        ApplicationMount mount = new ApplicationMount(contextPath, application, s -> {
            ServiceRegistration<Servlet> registration = context.registerService(Servlet.class, s, servlet);
            return registration::unregister;
        }, () -> runtime.update(properties), scheduler, settle);
        mounts.add(mount);
        return mount;
    }

    /** The whiteboard no longer has an application at the path (called on its update thread). */
    private void unmount(String path, ApplicationMount mount) {
        mounts.remove(mount);
        mount.close();
        ServiceRegistration<ServletContextHelper> helper = helpers.remove(path);
        if (helper != null) {
            try {
                helper.unregister();
            } catch (IllegalStateException e) {
                // already unregistered (the bundle is stopping)
            }
        }
    }

    /** {@code /a//b/} → {@code /a/b}; the root is {@code /}. */
    static String normalise(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                out.append('/').append(segment);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /**
     * The whiteboard's endpoints: the HTTP runtime's endpoints (IPv4 addresses first) with the base
     * path appended, each ending in {@code /}.
     */
    static String[] endpoints(Object httpEndpoints, String basePath) {
        List<String> endpoints = new ArrayList<>();
        if (httpEndpoints instanceof String s) {
            endpoints.add(s);
        } else if (httpEndpoints instanceof String[] array) {
            endpoints.addAll(List.of(array));
        } else if (httpEndpoints instanceof Collection<?> collection) {
            collection.forEach(e -> endpoints.add(String.valueOf(e)));
        }
        String base = normalise(basePath);
        return endpoints.stream()
                .sorted(Comparator.comparing(ServletRuntime::isIPv6).thenComparing(Comparator.naturalOrder()))
                .map(e -> (e.endsWith("/") ? e.substring(0, e.length() - 1) : e) + (base.equals("/") ? "/" : base + "/"))
                .toArray(String[]::new);
    }

    private static boolean isIPv6(String endpoint) {
        int scheme = endpoint.indexOf("://");
        int host = scheme < 0 ? 0 : scheme + 3;
        return endpoint.startsWith("[", host);
    }
}
