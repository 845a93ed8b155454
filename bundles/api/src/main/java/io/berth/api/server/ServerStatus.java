package io.berth.api.server;

import java.util.Locale;

/** Every status a server can be in (API.md). Which changes are allowed is decided by core. */
public enum ServerStatus {
    PROVISIONING(true), RUNNING(false), STOPPED(false), STARTING(true), STOPPING(true), REBOOTING(true),
    TERMINATING(true), TERMINATED(false), FAILED(false), SUSPENDED(false);

    private final boolean transitional;

    ServerStatus(boolean transitional) {
        this.transitional = transitional;
    }

    /** Whether the status changes by itself (clients poll until it settles). */
    public boolean transitional() {
        return transitional;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of that wire name, or {@code null} when there is none. */
    public static ServerStatus fromWireName(String name) {
        for (ServerStatus s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
