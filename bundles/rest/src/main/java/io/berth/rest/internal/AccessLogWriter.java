package io.berth.rest.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Hands access log lines to the log on a thread of its own, so request threads never queue for the
 * log's lock or the disk. Lines keep their order. A request thread only appends to a lock-free queue
 * and never wakes the writer: the writer looks every {@link #PAUSE_MILLIS} ms and writes what has
 * come (waking it per line cost a thread switch per request). When the queue is full (the log
 * cannot keep up) the request thread writes its line itself: slower, but nothing is lost. Closing
 * writes what is queued. {@link #inline} writes on the caller's thread (for tests that read the log
 * at once).
 */
final class AccessLogWriter implements AutoCloseable {

    static final int CAPACITY = 16_384;
    static final long PAUSE_MILLIS = 20;

    private final Consumer<String> sink;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;

    private AccessLogWriter(Consumer<String> sink, boolean threaded) {
        this.sink = sink;
        this.thread = threaded ? new Thread(this::run, "berth-access-log") : null;
        this.closed = !threaded;
    }

    /** A writer with its own thread. */
    static AccessLogWriter start(Consumer<String> sink) {
        AccessLogWriter writer = new AccessLogWriter(sink, true);
        writer.thread.setDaemon(true);
        writer.thread.start();
        return writer;
    }

    /** A writer that writes on the caller's thread. */
    static AccessLogWriter inline(Consumer<String> sink) {
        return new AccessLogWriter(sink, false);
    }

    void write(String line) {
        if (closed) {
            accept(line);
            return;
        }
        if (queued.incrementAndGet() > CAPACITY) {
            queued.decrementAndGet();
            accept(line);
            return;
        }
        queue.add(line);
        if (closed) {
            // closed while this line went in: nobody else will write it
            drain();
        }
    }

    private void run() {
        while (!closed) {
            drain();
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS));
        }
    }

    /** Writes what is queued, in order; one thread at a time. */
    private synchronized void drain() {
        String line;
        while ((line = queue.poll()) != null) {
            queued.decrementAndGet();
            accept(line);
        }
    }

    private void accept(String line) {
        try {
            sink.accept(line);
        } catch (RuntimeException e) {
            // a broken log must not stop the writer; the next line tries again
        }
    }

    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }
}
