package io.berth.provider.proxmox.internal;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes the provider's pool threads: daemons named {@code prefix-1}, {@code prefix-2}, … */
final class DaemonThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger made = new AtomicInteger();

    DaemonThreads(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + "-" + made.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
