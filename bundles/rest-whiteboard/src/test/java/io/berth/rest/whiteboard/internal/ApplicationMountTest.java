package io.berth.rest.whiteboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.spi.AbstractContainerLifecycleListener;
import org.glassfish.jersey.server.spi.Container;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApplicationMountTest {

    private static final Duration SETTLE = Duration.ofMillis(60);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Servlet> registered = new ArrayList<>();
    private final AtomicInteger unregistered = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final ServletConfig servletConfig = servletConfig();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void anApplicationWithoutContentIsNeitherBuiltNorRegistered() throws Exception {
        ResourceConfig empty = ResourceConfig.forApplication(new Application());
        ApplicationMount mount = mount(empty);

        Thread.sleep(SETTLE.toMillis() * 3);
        assertThat(registered).isEmpty();
        assertThat(mount.getApplicationHandler()).isNull();
        assertThat(mount.getConfiguration()).as("the whiteboard reads its application back").isSameAs(empty);
        assertThat(ApplicationMount.hasContent(empty)).isFalse();
    }

    @Test
    void versionsThatComeInABurstAreBuiltOnceWhenTheyHaveSettled() throws Exception {
        App first = new App(new Hello());
        App second = new App(new Hello());
        App third = new App(new Hello(), new Late());
        ApplicationMount mount = mount(first.config());
        mount.reload(second.config());
        mount.reload(third.config());

        await(mount::mounted);
        assertThat(registered).hasSize(1);
        assertThat(third.started).as("built once").hasValue(1);
        assertThat(first.started).hasValue(0);
        assertThat(second.started).hasValue(0);
        assertThat(first.shutDown).as("let go unbuilt (its services given back)").hasValue(1);
        assertThat(second.shutDown).hasValue(1);
        assertThat(status(mount, "/late")).isEqualTo(200);
    }

    @Test
    void aVersionAfterTheApplicationIsServedReloadsItAtOnce() throws Exception {
        App first = new App(new Hello());
        ApplicationMount mount = mount(first.config());
        await(mount::mounted);
        assertThat(status(mount, "/late")).isEqualTo(404);

        App later = new App(new Hello(), new Late());
        mount.reload(later.config());
        assertThat(later.started).hasValue(1);
        assertThat(first.shutDown).hasValue(1);
        assertThat(status(mount, "/late")).isEqualTo(200);
        assertThat(registered).as("the servlet stays registered").hasSize(1);
    }

    @Test
    void closingUnregistersTheServletAndShutsJerseyDown() throws Exception {
        App app = new App(new Hello());
        ApplicationMount mount = mount(app.config());
        await(mount::mounted);

        mount.close();
        assertThat(unregistered).hasValue(1);
        assertThat(app.shutDown).hasValue(1);
        App afterwards = new App(new Hello());
        mount.reload(afterwards.config());
        assertThat(afterwards.shutDown).as("a version after closing is let go").hasValue(1);
        assertThat(afterwards.started).hasValue(0);
    }

    @Test
    void closingBeforeTheApplicationSettledLetsItGoUnbuilt() throws Exception {
        App app = new App(new Hello());
        ApplicationMount mount = mount(app.config());
        mount.close();

        Thread.sleep(SETTLE.toMillis() * 3);
        assertThat(registered).isEmpty();
        assertThat(app.started).hasValue(0);
        assertThat(app.shutDown).hasValue(1);
    }

    @Test
    void aServletInitialisedAgainAfterTheHttpWhiteboardDestroyedItServesAFreshVersion() throws Exception {
        App app = new App(new Hello());
        ApplicationMount mount = mount(app.config());
        await(mount::mounted);
        Servlet servlet = registered.get(0);

        servlet.destroy();
        assertThat(app.shutDown).hasValue(1);
        servlet.init(servletConfig);
        assertThat(refreshes).as("the whiteboard is asked for a fresh version").hasValue(1);
        HttpServletResponse response = mock(HttpServletResponse.class);
        servlet.service(mock(HttpServletRequest.class), response);
        verify(response).sendError(503);

        App fresh = new App(new Hello(), new Late());
        mount.reload(fresh.config());
        assertThat(fresh.started).hasValue(1);
        assertThat(status(mount, "/late")).isEqualTo(200);
    }

    @Test
    void requestsWaitForTheVersionWithTheServicesThatChangedBeforeThem() throws Exception {
        ApplicationMount mount = mount(new App(new Hello()).config());
        await(mount::mounted);
        assertThat(mount.awaitCurrent(Duration.ZERO)).isTrue();

        mount.changed(); // a resource registered: the whiteboard's update follows
        assertThat(mount.awaitCurrent(Duration.ofMillis(50))).as("not handed over yet").isFalse();
        CompletableFuture<Boolean> request = CompletableFuture.supplyAsync(() -> mount.awaitCurrent(Duration.ofSeconds(20)));
        Thread.sleep(100);
        assertThat(request).isNotDone();
        mount.reload(new App(new Hello(), new Late()).config());
        assertThat(request.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(status(mount, "/late")).isEqualTo(200);
    }

    private ApplicationMount mount(ResourceConfig application) {
        return new ApplicationMount("/api", application, servlet -> {
            registered.add(servlet);
            try {
                servlet.init(servletConfig); // as the HTTP whiteboard does while registering
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return () -> {
                unregistered.incrementAndGet();
                servlet.destroy();
            };
        }, refreshes::incrementAndGet, scheduler, SETTLE);
    }

    private static int status(Container container, String path) throws Exception {
        ApplicationHandler handler = container.getApplicationHandler();
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/api/"),
                URI.create("http://localhost/api" + path), "GET", null, new MapPropertiesDelegate(),
                handler.getConfiguration());
        return handler.apply(request, new ByteArrayOutputStream()).get().getStatus();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** A whiteboard-like application: its content, and a lifecycle listener of its own that counts. */
    static final class App extends Application {

        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger shutDown = new AtomicInteger();
        private final Set<Object> singletons = new HashSet<>();

        App(Object... resources) {
            singletons.addAll(List.of(resources));
            singletons.add(new Lifecycle());
        }

        @Override
        public Set<Object> getSingletons() {
            return singletons;
        }

        ResourceConfig config() {
            return ResourceConfig.forApplication(this);
        }

        final class Lifecycle extends AbstractContainerLifecycleListener {

            @Override
            public void onStartup(Container container) {
                started.incrementAndGet();
            }

            @Override
            public void onShutdown(Container container) {
                shutDown.incrementAndGet();
            }
        }
    }

    @Path("hello")
    public static final class Hello {
        @GET
        public String hello() {
            return "hello";
        }
    }

    @Path("late")
    public static final class Late {
        @GET
        public String late() {
            return "late";
        }
    }

    /** A servlet configuration whose context answers nothing, as far as Jersey asks. */
    private static ServletConfig servletConfig() {
        ServletContext context = nothing(ServletContext.class);
        return (ServletConfig) Proxy.newProxyInstance(ServletConfig.class.getClassLoader(),
                new Class<?>[] {ServletConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServletContext" -> context;
                    case "getServletName" -> "berth-test";
                    case "getInitParameterNames" -> Collections.emptyEnumeration();
                    default -> null;
                });
    }

    private static <T> T nothing(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Class<?> r = method.getReturnType();
            if (r == boolean.class) {
                return false;
            } else if (r == int.class) {
                return 0;
            } else if (r == java.util.Enumeration.class) {
                return Collections.emptyEnumeration();
            } else if (method.getName().equals("getContextPath")) {
                return "/api";
            }
            return null;
        }));
    }
}
