package io.berth.scheduler.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * The engine's configuration as checked values (tests build it directly with {@link #defaults}).
 */
record Settings(String nodeName, int threads, Duration pollingInterval, Duration heartbeatInterval,
        int missedHeartbeats, int maxAttempts, Duration backoffBase, Duration backoffMax, Duration taskPollInterval,
        Duration providerWait, Duration guestAgentWait, Duration stateWait, int placementTries, String cloudInitUser,
        boolean reconcileEnabled, Duration reconcileInterval, Duration shutdownWait) {

    Settings {
        Objects.requireNonNull(nodeName, "nodeName");
        require(threads >= 1, "threads must be at least 1");
        require(maxAttempts >= 1, "max attempts must be at least 1");
        require(missedHeartbeats >= 2, "missed heartbeats must be at least 2");
        require(placementTries >= 1, "placement tries must be at least 1");
        require(!backoffMax.minus(backoffBase).isNegative(), "backoff max must not be below backoff base");
        for (Duration d : new Duration[] {pollingInterval, heartbeatInterval, backoffBase, taskPollInterval,
            providerWait, reconcileInterval}) {
            require(!d.isZero() && !d.isNegative(), "intervals must be positive");
        }
        require(!guestAgentWait.isNegative() && !stateWait.isNegative() && !shutdownWait.isNegative(),
                "waits must not be negative");
        cloudInitUser = cloudInitUser == null || cloudInitUser.isBlank() ? "berth" : cloudInitUser.trim();
    }

    static Settings from(SchedulerConfig c) {
        String node = c.node_name() == null || c.node_name().isBlank() ? defaultNodeName() : c.node_name().trim();
        return new Settings(node, c.threads(), Duration.ofMillis(c.polling_interval_ms()),
                Duration.ofMillis(c.heartbeat_interval_ms()), c.missed_heartbeats(), c.max_attempts(),
                Duration.ofMillis(c.backoff_base_ms()), Duration.ofMillis(c.backoff_max_ms()),
                Duration.ofMillis(c.task_poll_interval_ms()), Duration.ofMillis(c.provider_wait_ms()),
                Duration.ofSeconds(c.guest_agent_wait_s()), Duration.ofSeconds(c.state_wait_s()), c.placement_tries(),
                c.cloud_init_user(), c.reconcile_enabled(), Duration.ofSeconds(c.reconcile_interval_s()),
                Duration.ofSeconds(c.shutdown_wait_s()));
    }

    /** The defaults of {@link SchedulerConfig} for a node of that name. */
    static Settings defaults(String nodeName) {
        return new Settings(nodeName, 32, Duration.ofMillis(300), Duration.ofSeconds(5), 6, 10, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(120),
                Duration.ofSeconds(300), 10, "berth", true, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    Settings withNodeName(String name) {
        return new Settings(name, threads, pollingInterval, heartbeatInterval, missedHeartbeats, maxAttempts,
                backoffBase, backoffMax, taskPollInterval, providerWait, guestAgentWait, stateWait, placementTries,
                cloudInitUser, reconcileEnabled, reconcileInterval, shutdownWait);
    }

    Backoff backoff() {
        return new Backoff(backoffBase, backoffMax);
    }

    static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
