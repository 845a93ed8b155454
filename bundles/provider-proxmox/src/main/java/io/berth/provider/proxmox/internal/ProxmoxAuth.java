package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;

import java.net.http.HttpRequest;

/** How requests prove who they come from: an API token, or a ticket with its CSRF token. */
interface ProxmoxAuth {

    /**
     * Adds the credentials to a request.
     *
     * @param mutating whether the request changes something (ticket auth then needs the CSRF header)
     * @return a stamp identifying the credentials used, handed back to {@link #refresh(Object)}
     */
    Object authorize(HttpRequest.Builder request, boolean mutating) throws ProviderException;

    /**
     * Called after a 401 answer to a request authorized with {@code stamp}.
     *
     * @return whether the request may be sent once more with fresh credentials
     */
    boolean refresh(Object stamp) throws ProviderException;

    /** No credentials: for the ticket request itself. */
    static ProxmoxAuth none() {
        return new ProxmoxAuth() {
            @Override
            public Object authorize(HttpRequest.Builder request, boolean mutating) {
                return this;
            }

            @Override
            public boolean refresh(Object stamp) {
                return false;
            }

            @Override
            public String toString() {
                return "none";
            }
        };
    }
}
