package io.berth.migrator.whmcs.internal;

import io.berth.api.billing.ImportException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the next batches from WHMCS on a thread of its own while the current one is written to Berth, so that
 * the two databases work at the same time. At most {@value #AHEAD} batches wait in memory.
 */
public final class ReadAhead {

    /** Something that streams batches. */
    @FunctionalInterface
    public interface Source<T> {
        void forEachBatch(BatchConsumer<T> consumer) throws Exception;
    }

    private static final int AHEAD = 2;
    private static final Object END = new Object();

    private ReadAhead() {
    }

    @SuppressWarnings("unchecked")
    public static <T> void run(Source<T> source, BatchConsumer<T> consumer) throws Exception {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                source.forEachBatch(batch -> put(queue, batch, stop));
            } catch (Throwable e) {
                if (!stop.get()) {
                    failure.set(e);
                }
            } finally {
                try {
                    put(queue, END, stop);
                } catch (Exception e) {
                    // stopped: nobody waits for the end marker
                }
            }
        }, "berth-whmcs-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Object item;
                try {
                    item = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ImportException("import interrupted; run it again to continue");
                }
                if (item == END) {
                    break;
                }
                consumer.accept((List<T>) item);
            }
            Throwable f = failure.get();
            if (f instanceof Exception e) {
                throw e;
            }
            if (f != null) {
                throw new IllegalStateException(f);
            }
        } finally {
            stop.set(true);
            queue.clear();
            boolean interrupted = Thread.interrupted();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void put(BlockingQueue<Object> queue, Object item, AtomicBoolean stop) throws Exception {
        while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
            if (stop.get()) {
                throw new CancellationException("reader stopped");
            }
        }
    }
}
