package io.berth.testbed.pve;

import java.time.Duration;

/** Ready-made {@link Latencies}: realistic ones for demo mode, fast ones for tests. */
public enum LatencyProfile {

    /**
     * Close to a small real cluster: a full clone of a cloud image takes a few seconds, a start
     * about one, the guest agent answers about six seconds after the start, PVE's lock timeouts
     * (10 s config lock, 1 s clone locks), storage locks held 100 ms (LVM-thin) or 15 ms (RBD)
     * per allocation, and the 3 s delay on failed authentication.
     */
    REALISTIC(new Latencies(ms(20), ms(4000), ms(1500), ms(1000), ms(500), ms(3000), ms(4000), ms(300), ms(300),
            ms(800), ms(1500), ms(6000), ms(10_000), ms(1000), ms(10_000), ms(100), ms(15), ms(3000))),

    /**
     * Everything in tens of milliseconds, lock timeouts scaled down (config lock 500 ms, clone
     * locks 250 ms) so that lock behaviour stays observable in quick tests; disk allocations do
     * not hold storage locks (set {@link FaultSettings#storageLockHold()} to create contention).
     */
    FAST(new Latencies(Duration.ZERO, ms(60), ms(20), ms(20), ms(10), ms(30), ms(40), ms(10), ms(10), ms(10),
            ms(15), ms(150), ms(500), ms(250), ms(500), Duration.ZERO, Duration.ZERO, Duration.ZERO));

    private final Latencies latencies;

    LatencyProfile(Latencies latencies) {
        this.latencies = latencies;
    }

    public Latencies latencies() {
        return latencies;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
