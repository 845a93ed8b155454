package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;

import java.util.Map;

/**
 * A {@link ProviderException} that keeps what Proxmox VE answered, so callers in this bundle can
 * look at the status and message (for example "QEMU guest agent is not running").
 */
final class ProxmoxApiException extends ProviderException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status, or 0 when no answer arrived (timeout, reset, TLS failure). */
    private final int status;
    private final String pveMessage;
    private final Map<String, String> errors;
    private final boolean timedOut;

    ProxmoxApiException(Kind kind, String message, int status, String pveMessage, Map<String, String> errors,
            boolean timedOut, Throwable cause) {
        super(kind, message, cause);
        this.status = status;
        this.pveMessage = pveMessage == null ? "" : pveMessage;
        this.errors = errors == null ? Map.of() : Map.copyOf(errors);
        this.timedOut = timedOut;
    }

    int status() {
        return status;
    }

    /** The error text of Proxmox VE (its {@code message}), empty when there was none. */
    String pveMessage() {
        return pveMessage;
    }

    /** Parameter errors of a 400 answer, by parameter name. */
    Map<String, String> errors() {
        return errors;
    }

    /** Whether the request timed out without an answer (its effect is unknown). */
    boolean timedOut() {
        return timedOut;
    }

    /** Whether the message or parameter errors contain the text, case-insensitively. */
    boolean mentions(String text) {
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        if (pveMessage.toLowerCase(java.util.Locale.ROOT).contains(needle)) {
            return true;
        }
        return errors.values().stream().anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains(needle));
    }
}
