package io.berth.testbed.pve.internal.auth;

/**
 * The one user and its one API token the simulated cluster knows. The token has
 * {@code privsep=0}: it carries the full privileges of its user.
 *
 * @param username    e.g. {@code root@pam}
 * @param password    the user's password
 * @param tokenId     the full token id, e.g. {@code root@pam!berth}
 * @param tokenSecret the token's secret (a UUID)
 */
public record Credentials(String username, String password, String tokenId, String tokenSecret) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", tokenId=" + tokenId + "]";
    }
}
