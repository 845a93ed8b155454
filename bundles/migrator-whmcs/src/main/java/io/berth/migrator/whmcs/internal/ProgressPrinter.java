package io.berth.migrator.whmcs.internal;

import io.berth.api.billing.ImportProgress;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/** Prints progress lines (at most one every few seconds per entity, and the last one) to a stream. */
public final class ProgressPrinter implements ImportProgress {

    private final PrintStream out;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private final Map<String, Long> lastPrinted = new HashMap<>();
    private final Map<String, Long> lastDone = new HashMap<>();

    public ProgressPrinter(PrintStream out, long intervalMillis) {
        this.out = out;
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    @Override
    public synchronized void progress(String entity, long done, long total) {
        long now = System.nanoTime();
        Long last = lastPrinted.get(entity);
        boolean finished = done >= total;
        if (finished && Long.valueOf(done).equals(lastDone.get(entity))) {
            return;
        }
        if (!finished && last != null && now - last < intervalNanos) {
            return;
        }
        lastPrinted.put(entity, now);
        lastDone.put(entity, done);
        double seconds = (now - started) / 1e9;
        out.printf("%-9s %9d / %-9d %5.1f%%  %6.1f s%n", entity, done, total,
                total == 0 ? 100.0 : 100.0 * done / total, seconds);
        out.flush();
    }
}
