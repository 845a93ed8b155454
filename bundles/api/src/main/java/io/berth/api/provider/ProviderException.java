package io.berth.api.provider;

import java.util.Objects;

/**
 * A failure reported by a provider. {@link #kind()} tells the caller what happened in terms it can
 * act on; {@link #retryable()} whether trying the same call again later may succeed.
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

    public ProviderException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ProviderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
