package io.berth.testbed.pve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link PveSimulator}. Immutable; use {@link #builder()}.
 * Defaults: ephemeral port on 127.0.0.1, HTTPS with a fresh self-signed certificate, the
 * {@link LatencyProfile#REALISTIC} profile, random credentials, a random seed, no faults,
 * three nodes.
 */
public final class SimOptions {

    private final int port;
    private final boolean https;
    private final InetAddress bindAddress;
    private final LatencyProfile profile;
    private final Latencies latencies;
    private final String password;
    private final String tokenName;
    private final String tokenSecret;
    private final Long seed;
    private final FaultSettings faults;
    private final int nodeCount;
    private final int maxConnections;
    private final Duration keepAliveIdle;
    private final Duration ticketLifetime;
    private final String clusterName;

    private SimOptions(Builder b) {
        this.port = b.port;
        this.https = b.https;
        this.bindAddress = b.bindAddress;
        this.profile = b.profile;
        this.latencies = b.latencies;
        this.password = b.password;
        this.tokenName = b.tokenName;
        this.tokenSecret = b.tokenSecret;
        this.seed = b.seed;
        this.faults = b.faults;
        this.nodeCount = b.nodeCount;
        this.maxConnections = b.maxConnections;
        this.keepAliveIdle = b.keepAliveIdle;
        this.ticketLifetime = b.ticketLifetime;
        this.clusterName = b.clusterName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults (realistic latencies, HTTPS, ephemeral port). */
    public static SimOptions defaults() {
        return builder().build();
    }

    /** The usual options for tests: {@link LatencyProfile#FAST}, everything else default. */
    public static SimOptions fast() {
        return builder().profile(LatencyProfile.FAST).build();
    }

    public int port() { return port; }
    public boolean https() { return https; }
    public InetAddress bindAddress() { return bindAddress; }
    public LatencyProfile profile() { return profile; }
    /** The explicit latencies, or the profile's. */
    public Latencies latencies() { return latencies != null ? latencies : profile.latencies(); }
    /** The configured password, or null for a random one. */
    public String password() { return password; }
    public String tokenName() { return tokenName; }
    /** The configured token secret, or null for a random one. */
    public String tokenSecret() { return tokenSecret; }
    /** The configured seed, or null for a random one. */
    public Long seed() { return seed; }
    public FaultSettings faults() { return faults; }
    public int nodeCount() { return nodeCount; }
    public int maxConnections() { return maxConnections; }
    public Duration keepAliveIdle() { return keepAliveIdle; }
    public Duration ticketLifetime() { return ticketLifetime; }
    public String clusterName() { return clusterName; }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.port = port;
        b.https = https;
        b.bindAddress = bindAddress;
        b.profile = profile;
        b.latencies = latencies;
        b.password = password;
        b.tokenName = tokenName;
        b.tokenSecret = tokenSecret;
        b.seed = seed;
        b.faults = faults;
        b.nodeCount = nodeCount;
        b.maxConnections = maxConnections;
        b.keepAliveIdle = keepAliveIdle;
        b.ticketLifetime = ticketLifetime;
        b.clusterName = clusterName;
        return b;
    }

    @Override
    public String toString() {
        return "SimOptions[port=" + port + ", https=" + https + ", bind=" + bindAddress.getHostAddress()
                + ", profile=" + profile + ", nodes=" + nodeCount + ", seed=" + seed + ", faults=" + faults + "]";
    }

    /** Builds {@link SimOptions}. */
    public static final class Builder {
        private int port;
        private boolean https = true;
        private InetAddress bindAddress = loopback();
        private LatencyProfile profile = LatencyProfile.REALISTIC;
        private Latencies latencies;
        private String password;
        private String tokenName = "berth";
        private String tokenSecret;
        private Long seed;
        private FaultSettings faults = FaultSettings.NONE;
        private int nodeCount = 3;
        private int maxConnections = 512;
        private Duration keepAliveIdle = Duration.ofSeconds(5);
        private Duration ticketLifetime = Duration.ofHours(2);
        private String clusterName = "berth-sim";

        private Builder() {
        }

        /** The TCP port; 0 (default) picks a free one. */
        public Builder port(int v) { port = v; return this; }
        /** HTTPS (default) or plain HTTP. */
        public Builder https(boolean v) { https = v; return this; }
        /** Plain HTTP. */
        public Builder http() { return https(false); }
        /** A loopback address to listen on (default 127.0.0.1); other addresses are refused. */
        public Builder bindAddress(InetAddress v) { bindAddress = v; return this; }
        public Builder profile(LatencyProfile v) { profile = v; return this; }
        /** Explicit latencies, overriding the profile. */
        public Builder latencies(Latencies v) { latencies = v; return this; }
        public Builder password(String v) { password = v; return this; }
        /** The token's name (default {@code berth}, giving {@code root@pam!berth}). */
        public Builder tokenName(String v) { tokenName = v; return this; }
        public Builder tokenSecret(String v) { tokenSecret = v; return this; }
        /** Seeds the simulator's random decisions (MACs, faults, pids) for repeatable runs. */
        public Builder seed(long v) { seed = v; return this; }
        /** The faults in force from the start. */
        public Builder faults(FaultSettings v) { faults = v; return this; }
        /** How many nodes ({@code pve1…pveN}), 1 to 16. */
        public Builder nodeCount(int v) { nodeCount = v; return this; }
        /** The most simultaneous connections (one thread each). */
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        /** How long an idle keep-alive connection stays open (pveproxy: 5 s). */
        public Builder keepAliveIdle(Duration v) { keepAliveIdle = v; return this; }
        /** How long a ticket is valid (PVE: 2 h). */
        public Builder ticketLifetime(Duration v) { ticketLifetime = v; return this; }
        public Builder clusterName(String v) { clusterName = v; return this; }

        public SimOptions build() {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(faults, "faults");
            if (!bindAddress.isLoopbackAddress()) {
                throw new IllegalArgumentException("the simulator only listens on loopback, not " + bindAddress.getHostAddress());
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            if (nodeCount < 1 || nodeCount > 16) {
                throw new IllegalArgumentException("nodeCount must be 1..16");
            }
            if (maxConnections < 8) {
                throw new IllegalArgumentException("maxConnections must be at least 8");
            }
            if (!tokenName.matches("[A-Za-z][A-Za-z0-9.\\-_]+")) {
                throw new IllegalArgumentException("invalid token name: " + tokenName);
            }
            return new SimOptions(this);
        }

        private static InetAddress loopback() {
            try {
                return InetAddress.getByName("127.0.0.1");
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
