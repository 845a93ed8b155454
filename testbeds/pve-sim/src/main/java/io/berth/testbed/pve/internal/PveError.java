package io.berth.testbed.pve.internal;

import java.util.Map;

/**
 * An error as PVE raises it ({@code die "…\n"} or a {@code PVE::Exception}): an HTTP status
 * (500 unless said otherwise), the message PVE prints (without the trailing newline), and for
 * parameter errors the per-parameter messages. In a task, the message becomes the exit status.
 */
public final class PveError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> errors;

    private PveError(int status, String message, Map<String, String> errors) {
        super(message, null, false, false);
        this.status = status;
        this.errors = Map.copyOf(errors);
    }

    /** {@code die "message\n"}: HTTP 500. */
    public static PveError of(String message) {
        return new PveError(500, message, Map.of());
    }

    public static PveError status(int status, String message) {
        return new PveError(status, message, Map.of());
    }

    /** {@code raise_param_exc}: HTTP 400 "Parameter verification failed." with per-parameter errors. */
    public static PveError param(Map<String, String> errors) {
        return new PveError(400, "Parameter verification failed.", errors);
    }

    public static PveError param(String name, String message) {
        return param(Map.of(name, message));
    }

    public int status() {
        return status;
    }

    public Map<String, String> errors() {
        return errors;
    }
}
