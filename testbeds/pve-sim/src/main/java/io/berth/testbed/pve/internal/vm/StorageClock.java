package io.berth.testbed.pve.internal.vm;

import java.util.concurrent.TimeUnit;

/** The time a {@link StorageLock} keeps its queue on, in nanoseconds ({@link System#nanoTime()} scale). */
interface StorageClock {

    StorageClock SYSTEM = new StorageClock() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        }
    };

    long nanos();

    /** Returns once {@link #nanos()} has reached {@code deadline}. */
    void sleepUntil(long deadline) throws InterruptedException;
}
