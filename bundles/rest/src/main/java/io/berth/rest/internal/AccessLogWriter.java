package io.berth.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands access log lines to the log on a thread of its own, so request threads never queue for the
 * log's lock or the disk. Lines keep their order. When the queue is full (the log cannot keep up)
 * the request thread writes its line itself: slower, but nothing is lost. Closing writes what is
 * queued. {@link #inline} writes on the caller's thread (for tests that read the log at once).
 */
final class AccessLogWriter implements AutoCloseable {

    static final int CAPACITY = 16_384;
    private static final int BATCH = 512;

    private final Consumer<String> sink;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
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
        if (closed || !queue.offer(line)) {
            sink.accept(line);
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                String first = queue.poll(250, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                flush(batch);
            } catch (InterruptedException e) {
                // close() wakes us up; the loop condition decides
            }
        }
    }

    private void flush(List<String> batch) {
        for (String line : batch) {
            try {
                sink.accept(line);
            } catch (RuntimeException e) {
                // a broken log must not stop the writer; the next line tries again
            }
        }
        batch.clear();
    }

    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> rest = new ArrayList<>();
        queue.drainTo(rest);
        flush(rest);
    }
}
