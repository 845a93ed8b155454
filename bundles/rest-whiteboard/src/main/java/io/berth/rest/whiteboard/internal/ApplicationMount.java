package io.berth.rest.whiteboard.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Application;

import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.eclipse.osgitech.rest.provider.jakartars.RuntimeDelegateService;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One whiteboard application served under its path: the container the whiteboard
 * ({@code JerseyServiceRuntime}) makes for an application path and hands every new version of the
 * application to, from whichever thread it updates on.
 *
 * <p>Jersey is built once on the way to the first answer instead of three times (osgitech's own
 * servlet adapter builds an empty application in the servlet's {@code init()}, reloads it with the
 * whiteboard's first, still empty, application, and reloads again once the resources came): nothing
 * is built or registered while the application has no content (the whiteboard's first update runs
 * before it tracks any service); once it has, the servlet is registered with the HTTP whiteboard when
 * no newer version came for the settle time (a bundle's resources register one by one, and the
 * whiteboard hands them over in several updates 50 ms apart), and Jersey is built from that version
 * right after the registration, outside the HTTP whiteboard's own lock. From then on every new version
 * reloads Jersey at once, so resources registered later (hot-deployed plugins) appear as before.
 *
 * <p>Requests wait while Jersey is being built or reloaded (a read/write lock, as in osgitech's
 * adapter). A version the whiteboard replaced before it was built is shut down unbuilt, which gives
 * back the services it holds.
 */
final class ApplicationMount implements Container {

    /** How long the application must stay unchanged before it is first served. */
    static final Duration SETTLE = Duration.ofMillis(100);
    /** How long a request waits at most for the version that has the whiteboard services changed before it. */
    static final Duration CURRENT_WAIT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationMount.class);
    /** The whiteboard's own classes: what it puts into every application besides the content. */
    private static final String WHITEBOARD_PACKAGE = "org.eclipse.osgitech.rest.";
    /** The whiteboard's own classes: what it puts into every application besides the content. */
    /** Registers the servlet with the HTTP whiteboard; the answer unregisters it. */
    interface Registrar {
        Runnable register(Servlet servlet);
    }

    private final String path;
    private final Registrar registrar;
    private final Runnable refresh;
    private final ScheduledExecutorService scheduler;
    private final Duration settle;
    private final JerseyServlet servlet = new JerseyServlet();
    /** Requests read, building and reloading write. Never held while calling into the HTTP whiteboard but from {@link #mount}. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // guarded by the write lock
    /** The newest version of the application; never null after construction (the whiteboard reads it back). */
    private ResourceConfig latest;
    /** Whether {@link #latest} was shut down already (its services given back): it cannot be built any more. */
    private boolean spent;
    /** Jersey serving {@link #latest}; null until it is built. */
    private ServletContainer jersey;
    /** The HTTP whiteboard's configuration of the servlet, from its {@code init}. */
    private volatile ServletConfig servletConfig;
    private Runnable unregister;
    private ScheduledFuture<?> mounting;
    private boolean closed;

    /** Whiteboard service changes heard so far. */
    private final AtomicLong changes = new AtomicLong();
    /** Guards {@link #covered}; notified when it grows. */
    private final Object progress = new Object();
    /** How many of those changes the whiteboard has handed over (its versions since include them). */
    private long covered;

    /**
     * @param path the context path it is served under (for the log)
     * @param refresh asks the whiteboard for a fresh version of the application (when the HTTP
     *        whiteboard initialises the servlet again after destroying it)
     */
    ApplicationMount(String path, ResourceConfig application, Registrar registrar, Runnable refresh,
            ScheduledExecutorService scheduler, Duration settle) {
        this.path = path;
        this.registrar = registrar;
        this.refresh = refresh;
        this.scheduler = scheduler;
        this.settle = settle;
        offer(application);
    }

    @Override
    public ResourceConfig getConfiguration() {
        return read(() -> jersey != null ? jersey.getConfiguration() : latest);
    }

    @Override
    public ApplicationHandler getApplicationHandler() {
        return read(() -> jersey != null ? jersey.getApplicationHandler() : null);
    }

    @Override
    public void reload() {
        reload(getConfiguration());
    }

    /** A new version of the application from the whiteboard. */
    @Override
    public void reload(ResourceConfig application) {
        offer(application);
    }

    /**
     * A whiteboard service (resource, extension, application) changed; called in the thread that
     * changed it, before the whiteboard's next update. Requests from now on wait for that update, so
     * that an answer never comes from a version older than what was registered before the request
     * (on a first start, core registers its services, and with them the resources that need them,
     * just before the health check turns 200: a login right after must not meet the version without them).
     */
    void changed() {
        changes.incrementAndGet();
    }

    /** Waits until the whiteboard handed over every change heard so far, at most {@code max}; false if it did not. */
    boolean awaitCurrent(Duration max) {
        long wanted = changes.get();
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (progress) {
            while (covered < wanted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    progress.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private void cover(long upTo) {
        synchronized (progress) {
            if (upTo > covered) {
                covered = upTo;
                progress.notifyAll();
            }
        }
    }

    /** Whether the servlet is registered with the HTTP whiteboard. */
    boolean mounted() {
        return read(() -> unregister != null);
    }

    private <T> T read(Supplier<T> state) {
        lock.readLock().lock();
        try {
            return state.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Unregisters the servlet and shuts Jersey down (or the unbuilt application). */
    void close() {
        Runnable unregistering;
        lock.writeLock().lock();
        try {
            closed = true;
            if (mounting != null) {
                mounting.cancel(false);
            }
            unregistering = unregister;
            unregister = null;
        } finally {
            lock.writeLock().unlock();
        }
        if (unregistering != null) {
            try {
                unregistering.run(); // the HTTP whiteboard destroys the servlet
            } catch (IllegalStateException e) {
                // already unregistered (the bundle is stopping)
            }
        }
        lock.writeLock().lock();
        try {
            shutDown();
            if (!spent) {
                release(latest);
                spent = true;
            }
        } finally {
            lock.writeLock().unlock();
            cover(Long.MAX_VALUE);
        }
    }

    private void offer(ResourceConfig application) {
        long heard = changes.get(); // the whiteboard took this version after hearing of them
        lock.writeLock().lock();
        try {
            if (closed) {
                release(application);
                return;
            }
            if (jersey != null) {
                long started = System.nanoTime();
                try {
                    withRuntimeLoader(() -> jersey.reload(application));
                    latest = application;
                    spent = false;
                    LOG.info("REST application reloaded path={} ms={}", path, millisSince(started));
                } catch (RuntimeException e) {
                    // Jersey can find the old application in a bad state: build the new one afresh (the
                    // old one is let go like one never built)
                    LOG.warn("REST application reload failed path={}, building it afresh: {}", path, e.toString());
                    jersey = null;
                    replace(application);
                    build();
                }
                return;
            }
            replace(application);
            if (unregister != null) {
                if (servletConfig != null) {
                    build(); // registered and initialised, but not built (see JerseyServlet.init)
                }
            } else if (hasContent(application)) {
                if (mounting != null) {
                    mounting.cancel(false);
                }
                mounting = scheduler.schedule(this::mount, settle.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.writeLock().unlock();
            cover(heard);
        }
    }

    /** Registers the servlet, then builds Jersey, requests waiting meanwhile. */
    private void mount() {
        lock.writeLock().lock();
        try {
            mounting = null;
            if (closed || unregister != null) {
                return;
            }
            unregister = registrar.register(servlet); // the HTTP whiteboard initialises the servlet in here
            if (servletConfig != null && jersey == null) {
                build();
            }
        } catch (RuntimeException e) {
            LOG.error("REST application cannot be registered path={}", path, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Builds Jersey for {@link #latest}; the caller holds the write lock and has the servlet configuration. */
    private void build() {
        if (spent) {
            refresh.run(); // the whiteboard hands a fresh version over shortly
            return;
        }
        long started = System.nanoTime();
        ServletContainer container = new ServletContainer(latest);
        try {
            withRuntimeLoader(() -> {
                try {
                    container.init(servletConfig);
                } catch (ServletException e) {
                    throw new IllegalStateException(e);
                }
            });
            jersey = container;
            LOG.info("REST application built path={} ms={}", path, millisSince(started));
        } catch (RuntimeException e) {
            LOG.error("REST application cannot be built path={}", path, e);
            release(latest);
            spent = true;
        }
    }

    private void replace(ResourceConfig application) {
        if (latest != null && latest != application && !spent) {
            release(latest);
        }
        latest = application;
        spent = false;
    }

    /** Shuts the built Jersey down, which gives the application's services back. */
    private void shutDown() {
        if (jersey != null) {
            ServletContainer container = jersey;
            jersey = null;
            spent = true;
            container.destroy();
        }
    }

    /**
     * Shuts down a version of the application that was never built: the whiteboard's application
     * gives back the services it took (resource instances) when its own lifecycle listener hears
     * that its container shut down.
     */
    private void release(ResourceConfig application) {
        Application app = application.getApplication();
        for (Object singleton : app.getSingletons()) {
            Class<?> outer = singleton.getClass().getEnclosingClass();
            if (singleton instanceof ContainerLifecycleListener listener && outer != null && outer.isInstance(app)) {
                try {
                    listener.onShutdown(this);
                } catch (RuntimeException e) {
                    LOG.warn("REST application version not released path={}: {}", path, e.toString());
                }
            }
        }
    }

    /**
     * Whether the application has anything to serve: a resource class, or an object that is not one
     * of the whiteboard's own (its feature registering the extensions, its binder, its lifecycle
     * listener). Extensions alone serve nothing.
     */
    static boolean hasContent(ResourceConfig application) {
        Application app = application.getApplication();
        return !app.getClasses().isEmpty()
                || app.getSingletons().stream().anyMatch(o -> !o.getClass().getName().startsWith(WHITEBOARD_PACKAGE));
    }

    /** As osgitech's adapter: Jersey looks its services up through the whiteboard bundle's class loader. */
    private static void withRuntimeLoader(Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RuntimeDelegateService.class.getClassLoader());
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** What the HTTP whiteboard serves: Jersey once it is built, waiting while it is being built. */
    private final class JerseyServlet extends HttpServlet {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public void init(ServletConfig config) {
            lock.writeLock().lock();
            try {
                servletConfig = config;
                // inside mount() Jersey is built right after the registration, outside the HTTP whiteboard's lock
                boolean inMount = lock.getWriteHoldCount() > 1;
                if (!inMount && !closed && jersey == null) {
                    build();
                }
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public ServletConfig getServletConfig() {
            return servletConfig;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws ServletException, IOException {
            awaitCurrent(CURRENT_WAIT);
            lock.readLock().lock();
            try {
                ServletContainer container = jersey;
                if (container == null) {
                    response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                    return;
                }
                container.service(request, response);
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public void destroy() {
            lock.writeLock().lock();
            try {
                shutDown();
                servletConfig = null;
            } finally {
                lock.writeLock().unlock();
            }
        }
    }
}
