package io.berth.runtime;

import io.berth.testbed.pve.LatencyProfile;

import java.util.Map;

/**
 * What the environment asks of the launcher.
 *
 * @param httpHost address the HTTP server binds to ({@code BERTH_HTTP_HOST}, default loopback)
 * @param httpPort its port ({@code BERTH_HTTP_PORT}, default 8080)
 * @param shellPort loopback port of the remote Gogo shell ({@code BERTH_SHELL_PORT}, default 8101, 0 = off)
 * @param dbUrl an external PostgreSQL ({@code BERTH_DB_URL}), or null for the embedded one
 * @param dbUser its user ({@code BERTH_DB_USER})
 * @param dbPassword its password ({@code BERTH_DB_PASSWORD})
 * @param interactive whether Gogo reads the process console
 * @param adminEmail the first admin's email ({@code BERTH_ADMIN_EMAIL}), or null for the default
 * @param adminPassword the first admin's password ({@code BERTH_ADMIN_PASSWORD}), or null to generate one
 * @param demo whether to run against the Proxmox VE simulator when no cluster is configured ({@code BERTH_DEMO})
 * @param demoProfile the simulator's latencies ({@code BERTH_DEMO_PROFILE}: realistic or fast)
 */
public record Settings(String httpHost, int httpPort, int shellPort, String dbUrl, String dbUser, String dbPassword,
        boolean interactive, String adminEmail, String adminPassword, boolean demo, LatencyProfile demoProfile) {

    public static Settings fromEnvironment(Map<String, String> env, boolean hasConsole) {
        return new Settings(
                env.getOrDefault("BERTH_HTTP_HOST", "127.0.0.1"),
                port(env, "BERTH_HTTP_PORT", 8080),
                port(env, "BERTH_SHELL_PORT", 8101),
                blankToNull(env.get("BERTH_DB_URL")),
                env.getOrDefault("BERTH_DB_USER", "berth"),
                env.getOrDefault("BERTH_DB_PASSWORD", ""),
                hasConsole && !"false".equalsIgnoreCase(env.get("BERTH_CONSOLE")),
                blankToNull(env.get("BERTH_ADMIN_EMAIL")),
                blankToNull(env.get("BERTH_ADMIN_PASSWORD")),
                !"false".equalsIgnoreCase(env.get("BERTH_DEMO")),
                "fast".equalsIgnoreCase(env.get("BERTH_DEMO_PROFILE")) ? LatencyProfile.FAST : LatencyProfile.REALISTIC);
    }

    static int port(Map<String, String> env, String key, int fallback) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a port number (0-65535) but is '" + value + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
