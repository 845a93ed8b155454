package io.berth.provider.proxmox.internal;

import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * API token authentication: {@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET}. Stateless,
 * and Proxmox VE checks no CSRF token for it.
 */
final class ProxmoxToken implements ProxmoxAuth {

    private final String tokenId;
    private final String header;

    ProxmoxToken(String tokenId, String secret) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(secret, "secret");
        if (!tokenId.matches("[^@!\\s]+@[^@!\\s]+![A-Za-z][A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "API token id must look like USER@REALM!TOKENID (e.g. berth@pve!provisioner), was '" + tokenId + "'");
        }
        if (secret.isBlank()) {
            throw new IllegalArgumentException("API token secret is empty");
        }
        this.tokenId = tokenId;
        this.header = "PVEAPIToken=" + tokenId + "=" + secret.trim();
    }

    @Override
    public Object authorize(HttpRequest.Builder request, boolean mutating) {
        request.header("Authorization", header);
        return this;
    }

    @Override
    public boolean refresh(Object stamp) {
        return false;
    }

    @Override
    public String toString() {
        return "token " + tokenId;
    }
}
