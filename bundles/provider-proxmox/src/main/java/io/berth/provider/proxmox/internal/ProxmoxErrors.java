package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException.Kind;

import java.util.Locale;
import java.util.Map;

/**
 * Maps Proxmox VE error answers to {@link Kind}s. Proxmox puts the error text in the reason phrase
 * and, in recent versions, in the {@code message} field of the body; parameter errors come as a
 * 400 with an {@code errors} object. Text is checked before the status because Proxmox answers
 * most failures with a plain 500.
 */
final class ProxmoxErrors {

    private ProxmoxErrors() {
    }

    static Kind kind(int status, String message, Map<String, String> errors) {
        String text = (message + " " + String.join(" ", errors.values())).toLowerCase(Locale.ROOT);
        if (status == 401 || status == 403) {
            return Kind.AUTHENTICATION;
        }
        if (text.contains("already exists")) {
            return Kind.ALREADY_EXISTS;
        }
        if (isLock(text)) {
            return Kind.LOCKED;
        }
        if (status == 404 || text.contains("does not exist") || text.contains("no such vm")
                || text.contains("no such task")) {
            return Kind.NOT_FOUND;
        }
        if (status == 400) {
            return Kind.INVALID;
        }
        if (status == 501) {
            return Kind.PERMANENT;
        }
        if (status >= 500) {
            return Kind.TRANSIENT;
        }
        if (status == 408 || status == 429) {
            return Kind.TRANSIENT;
        }
        return Kind.PERMANENT;
    }

    /** "can't lock file '/var/lock/qemu-server/lock-203.conf' - got timeout", "VM is locked (clone)". */
    static boolean isLock(String lowerCaseText) {
        return lowerCaseText.contains("can't lock file") || lowerCaseText.contains("is locked")
                || lowerCaseText.contains("lock timeout") || lowerCaseText.contains("unable to lock");
    }
}
