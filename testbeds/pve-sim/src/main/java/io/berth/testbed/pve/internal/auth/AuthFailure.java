package io.berth.testbed.pve.internal.auth;

/** Authentication failed; pveproxy answers 401 with this message as reason phrase. */
public final class AuthFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthFailure(String message) {
        super(message, null, false, false);
    }
}
