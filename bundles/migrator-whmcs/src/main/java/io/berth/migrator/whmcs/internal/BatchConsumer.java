package io.berth.migrator.whmcs.internal;

import java.util.List;

/** Receives one batch of source records. */
@FunctionalInterface
public interface BatchConsumer<T> {
    void accept(List<T> batch) throws Exception;
}
