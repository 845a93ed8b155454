package io.berth.testbed.pve.internal.http;

/** The bytes on the connection are not an HTTP/1.x request this server can read. */
public final class MalformedRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public MalformedRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
