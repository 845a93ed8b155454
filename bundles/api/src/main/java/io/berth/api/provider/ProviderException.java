package io.berth.api.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure reported by a provider. {@link #kind()} tells the caller what happened in terms it can
 * act on; {@link #retryable()} whether trying the same call again later may succeed. A provider that
 * is only busy (e.g. all its clone slots are taken) says so with {@link #retryAfter()}: the caller
 * should wait that long and ask again, without counting a failed attempt and without holding a
 * thread meanwhile.
 */
public class ProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, in terms a caller can act on. */
    public enum Kind {
        /** Network error, timeout, 5xx: try again later. */
        TRANSIENT(true),
        /** The resource is locked by another operation: try again later. */
        LOCKED(true),
        /** The target identifier is already taken: choose another one. */
        ALREADY_EXISTS(false),
        /** The resource does not exist. */
        NOT_FOUND(false),
        /** The request was refused as invalid; repeating it will not help. */
        INVALID(false),
        /** Credentials or TLS identity were refused. */
        AUTHENTICATION(false),
        /** Anything else that will not succeed by retrying. */
        PERMANENT(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ProviderException(Kind kind, String message) {
        this(kind, message, (Throwable) null);
    }

    public ProviderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = null;
    }

    private ProviderException(String message, Duration retryAfter) {
        super(message);
        this.kind = Kind.TRANSIENT;
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * The provider is busy, nothing failed: nothing was sent, and the same call made again after
     * {@code retryAfter} may go through. Kind TRANSIENT, for callers that do not know
     * {@link #retryAfter()}.
     *
     * @since 1.1
     */
    public static ProviderException busy(String message, Duration retryAfter) {
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        return new ProviderException(message, retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    /**
     * Set when the provider is only busy ({@link #busy}): wait this long and ask again, which is not a
     * failed attempt.
     *
     * @since 1.1
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
