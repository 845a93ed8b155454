package io.berth.provider.proxmox.internal;

/**
 * How the provider logs in: an API token (preferred), or a user and password for ticket auth.
 * {@link #toString()} never shows a secret.
 */
record ProxmoxCredentials(String tokenId, String tokenSecret, String username, String password) {

    static ProxmoxCredentials of(String tokenId, String tokenSecret, String username, String password) {
        if (!blank(tokenId)) {
            if (blank(tokenSecret)) {
                throw new IllegalArgumentException("token.id is set but .token.secret is empty");
            }
            return new ProxmoxCredentials(tokenId.trim(), tokenSecret.trim(), null, null);
        }
        if (!blank(username)) {
            if (blank(password)) {
                throw new IllegalArgumentException("username is set but .password is empty");
            }
            return new ProxmoxCredentials(null, null, username.trim(), password);
        }
        throw new IllegalArgumentException("configure an API token (token.id and .token.secret) or a user (username and .password)");
    }

    boolean token() {
        return tokenId != null;
    }

    @Override
    public String toString() {
        return token() ? "token " + tokenId + " (secret hidden)" : "user " + username + " (password hidden)";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
