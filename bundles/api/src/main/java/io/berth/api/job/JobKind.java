package io.berth.api.job;

import java.util.Locale;

/** The workflows the scheduler runs. */
public enum JobKind {
    PROVISION, START, STOP, SHUTDOWN, REBOOT, TERMINATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
