package io.berth.provider.proxmox.internal;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The HTTP client's executor. Its dependent work (reading an answer, completing the caller's
 * future) runs inline on the client's selector thread, instead of being handed to a pool thread at
 * every stage: every call is a blocking {@code send()} whose body handler only collects a string.
 * The TLS handshake's delegated tasks (key exchange, checking the server's certificate) are the
 * exception: inline, a burst of new connections would handshake one after the other on that single
 * thread, and every answer on the open connections would wait behind them; they go to a small pool
 * of their own (as many threads as processors, gone when idle).
 *
 * <p>The JDK's client hands its delegated tasks over as lambdas of its
 * {@code jdk.internal.net.http.common.SSLFlowDelegate}: that class name is how they are told apart
 * ({@link #HANDSHAKE_TASKS}). Should a later JDK name them otherwise, they simply run inline again;
 * {@code ProxmoxHttpExecutorTest} fails then, so that it is noticed.
 */
final class ProxmoxHttpExecutor implements Executor, AutoCloseable {

    /** The JDK HTTP client's TLS handshake tasks. */
    static final Predicate<Runnable> HANDSHAKE_TASKS =
            task -> task.getClass().getName().startsWith("jdk.internal.net.http.common.SSLFlowDelegate");

    private final Predicate<Runnable> offloaded;
    private final ExecutorService pool;

    ProxmoxHttpExecutor(String name) {
        this(HANDSHAKE_TASKS, pool(name));
    }

    ProxmoxHttpExecutor(Predicate<Runnable> offloaded, ExecutorService pool) {
        this.offloaded = Objects.requireNonNull(offloaded, "offloaded");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    public void execute(Runnable task) {
        if (offloaded.test(task)) {
            pool.execute(task);
        } else {
            task.run();
        }
    }

    /** Stops the pool's threads; the client is not used afterwards. */
    @Override
    public void close() {
        pool.shutdown();
    }

    private static ExecutorService pool(String name) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DaemonThreads(name + "-tls"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
