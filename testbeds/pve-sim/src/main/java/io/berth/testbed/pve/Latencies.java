package io.berth.testbed.pve;

import java.time.Duration;
import java.util.Objects;

/**
 * How long things take in the simulator, and how long it waits for locks.
 *
 * @param request               added to every API request before it is handled
 * @param cloneFull             the copy phase of a full clone task ({@code qmclone})
 * @param cloneLinked           the copy phase of a linked clone task
 * @param start                 a {@code qmstart} task
 * @param stop                  a {@code qmstop} task
 * @param shutdown              a {@code qmshutdown} task (the guest reacting to ACPI)
 * @param reboot                a {@code qmreboot} task
 * @param reset                 a {@code qmreset} task
 * @param config                an asynchronous {@code qmconfig} task (POST config)
 * @param resize                a {@code resize} task
 * @param destroy               a {@code qmdestroy} task
 * @param agentStartup          from a VM start until its guest agent answers
 * @param lockTimeout           waiting for a VM config lock ({@code lock_config}; 10 s in PVE)
 * @param cloneLockTimeout      waiting for the source and target locks of a clone (1 s in PVE)
 * @param storageLockTimeout    waiting for a storage lock while allocating a disk
 * @param localStorageLockHold  how long a disk allocation holds the lock of a node-local storage (LVM-thin)
 * @param sharedStorageLockHold how long a disk allocation holds the lock of the shared storage (RBD)
 * @param authFailureDelay      delay before a 401 answer (pveproxy waits 3 s)
 */
public record Latencies(Duration request, Duration cloneFull, Duration cloneLinked, Duration start, Duration stop,
                        Duration shutdown, Duration reboot, Duration reset, Duration config, Duration resize,
                        Duration destroy, Duration agentStartup, Duration lockTimeout, Duration cloneLockTimeout,
                        Duration storageLockTimeout, Duration localStorageLockHold, Duration sharedStorageLockHold,
                        Duration authFailureDelay) {

    public Latencies {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cloneFull, "cloneFull");
        Objects.requireNonNull(cloneLinked, "cloneLinked");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(reboot, "reboot");
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(resize, "resize");
        Objects.requireNonNull(destroy, "destroy");
        Objects.requireNonNull(agentStartup, "agentStartup");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(cloneLockTimeout, "cloneLockTimeout");
        Objects.requireNonNull(storageLockTimeout, "storageLockTimeout");
        Objects.requireNonNull(localStorageLockHold, "localStorageLockHold");
        Objects.requireNonNull(sharedStorageLockHold, "sharedStorageLockHold");
        Objects.requireNonNull(authFailureDelay, "authFailureDelay");
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some durations of a {@link Latencies}; unset ones keep their value. */
    public static final class Builder {
        private Duration request;
        private Duration cloneFull;
        private Duration cloneLinked;
        private Duration start;
        private Duration stop;
        private Duration shutdown;
        private Duration reboot;
        private Duration reset;
        private Duration config;
        private Duration resize;
        private Duration destroy;
        private Duration agentStartup;
        private Duration lockTimeout;
        private Duration cloneLockTimeout;
        private Duration storageLockTimeout;
        private Duration localStorageLockHold;
        private Duration sharedStorageLockHold;
        private Duration authFailureDelay;

        private Builder(Latencies l) {
            request = l.request;
            cloneFull = l.cloneFull;
            cloneLinked = l.cloneLinked;
            start = l.start;
            stop = l.stop;
            shutdown = l.shutdown;
            reboot = l.reboot;
            reset = l.reset;
            config = l.config;
            resize = l.resize;
            destroy = l.destroy;
            agentStartup = l.agentStartup;
            lockTimeout = l.lockTimeout;
            cloneLockTimeout = l.cloneLockTimeout;
            storageLockTimeout = l.storageLockTimeout;
            localStorageLockHold = l.localStorageLockHold;
            sharedStorageLockHold = l.sharedStorageLockHold;
            authFailureDelay = l.authFailureDelay;
        }

        public Builder request(Duration d) { request = d; return this; }
        public Builder cloneFull(Duration d) { cloneFull = d; return this; }
        public Builder cloneLinked(Duration d) { cloneLinked = d; return this; }
        public Builder start(Duration d) { start = d; return this; }
        public Builder stop(Duration d) { stop = d; return this; }
        public Builder shutdown(Duration d) { shutdown = d; return this; }
        public Builder reboot(Duration d) { reboot = d; return this; }
        public Builder reset(Duration d) { reset = d; return this; }
        public Builder config(Duration d) { config = d; return this; }
        public Builder resize(Duration d) { resize = d; return this; }
        public Builder destroy(Duration d) { destroy = d; return this; }
        public Builder agentStartup(Duration d) { agentStartup = d; return this; }
        public Builder lockTimeout(Duration d) { lockTimeout = d; return this; }
        public Builder cloneLockTimeout(Duration d) { cloneLockTimeout = d; return this; }
        public Builder storageLockTimeout(Duration d) { storageLockTimeout = d; return this; }
        public Builder localStorageLockHold(Duration d) { localStorageLockHold = d; return this; }
        public Builder sharedStorageLockHold(Duration d) { sharedStorageLockHold = d; return this; }
        public Builder authFailureDelay(Duration d) { authFailureDelay = d; return this; }

        public Latencies build() {
            return new Latencies(request, cloneFull, cloneLinked, start, stop, shutdown, reboot, reset, config, resize,
                    destroy, agentStartup, lockTimeout, cloneLockTimeout, storageLockTimeout, localStorageLockHold,
                    sharedStorageLockHold, authFailureDelay);
        }
    }
}
