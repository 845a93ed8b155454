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
        if (status == 400 || text.contains("validation error") || text.contains("parameter verification failed")
                || text.contains("not allowed for linked clones")) {
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

    /**
     * The kind of a failed task from its exit status: a lock timeout inside the task may pass when
     * the operation is made again; a clone whose target id was taken meanwhile ("config file already
     * exists", "… failed: File exists") needs another id; anything else is permanent.
     */
    static Kind taskFailure(String exitStatus) {
        String text = exitStatus == null ? "" : exitStatus.toLowerCase(Locale.ROOT);
        if (isLock(text) || text.contains("got timeout")) {
            return Kind.LOCKED;
        }
        if (text.contains("already exists") || text.contains("file exists")) {
            return Kind.ALREADY_EXISTS;
        }
        return Kind.PERMANENT;
    }

    /**
     * "can't lock file '/var/lock/qemu-server/lock-203.conf' - got timeout", "VM is locked (clone)",
     * "cfs-lock 'storage-ceph-vm' error: got lock request timeout" (cluster-wide storage locks).
     */
    static boolean isLock(String lowerCaseText) {
        return lowerCaseText.contains("can't lock file") || lowerCaseText.contains("is locked")
                || lowerCaseText.contains("lock timeout") || lowerCaseText.contains("lock request timeout")
                || lowerCaseText.contains("cfs-lock") || lowerCaseText.contains("unable to lock");
    }
}
