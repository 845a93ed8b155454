package io.berth.testbed.pve.internal.auth;

/**
 * Who is calling.
 *
 * @param userid  the user, e.g. {@code root@pam}
 * @param tokenId the full API token id ({@code root@pam!berth}) for token calls, else null
 */
public record Identity(String userid, String tokenId) {

    public boolean viaToken() {
        return tokenId != null;
    }

    /** The id PVE records as task owner: the token id for token calls, else the user. */
    public String authId() {
        return tokenId != null ? tokenId : userid;
    }
}
