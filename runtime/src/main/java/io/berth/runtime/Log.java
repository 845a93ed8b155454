package io.berth.runtime;

import java.time.Instant;

/** The launcher's own messages, before and around the framework's logging. */
final class Log {

    private Log() {
    }

    static void info(String message) {
        System.out.println(Instant.now() + " [launcher] INFO " + message);
    }

    static void error(String message) {
        System.err.println(Instant.now() + " [launcher] ERROR " + message);
    }
}
