package io.berth.testbed.pve.internal.http;

import java.time.Duration;

/** What the server does with a request: answer it, reset the connection, or hang and close. */
public sealed interface Outcome {

    /** Send this response. */
    record Respond(HttpResponse response) implements Outcome {
    }

    /** Abort the TCP connection with a reset (RST), sending nothing. */
    record Reset() implements Outcome {
    }

    /** Send nothing for this long, then close the connection. */
    record Hang(Duration duration) implements Outcome {
    }

    static Outcome respond(HttpResponse response) {
        return new Respond(response);
    }
}
