package io.berth.testbed.pve.internal.vm;

/** A held lock; closing releases it (on the thread that took it). */
@FunctionalInterface
public interface LockHandle extends AutoCloseable {

    @Override
    void close();
}
