package io.berth.testbed.pve.internal.api;

import io.berth.testbed.pve.internal.auth.Identity;

/**
 * One API call being handled.
 *
 * @param method   the HTTP method
 * @param path     the path below {@code /api2/json}, decoded
 * @param params   the validated parameters, path variables included
 * @param identity who calls (null only for calls that need no authentication)
 */
public record ApiCall(String method, String path, Params params, Identity identity) {

    /** The user as PVE writes it into UPIDs: {@code root@pam}, or {@code root@pam!berth} for a token. */
    public String taskUser() {
        return identity == null ? "root@pam" : identity.authId();
    }
}
