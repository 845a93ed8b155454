package io.berth.testbed.pve;

/** The kinds of request failure the simulator can inject. */
public enum ErrorKind {

    /** {@code 500 cluster not ready - no quorum?}, PVE's answer while the cluster has lost quorum. */
    HTTP_500,

    /** {@code 503 Service Unavailable}, as from an overloaded proxy in front of the API. */
    HTTP_503,

    /** The request hangs without an answer for the configured hang time, then the connection closes. */
    TIMEOUT,

    /** The TCP connection is reset (RST) instead of answering. */
    RESET;

    /** Parses {@code 500}, {@code 503}, {@code timeout}, {@code reset} or the constant name. */
    public static ErrorKind parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (t) {
            case "500" -> HTTP_500;
            case "503" -> HTTP_503;
            default -> valueOf(t);
        };
    }
}
