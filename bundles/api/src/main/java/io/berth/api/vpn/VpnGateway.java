package io.berth.api.vpn;

import io.berth.api.provider.Provider;
import io.berth.api.provider.ProviderException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A WireGuard (or similar) gateway. Each peer reaches exactly one server address: the gateway's
 * firewall enforces it, not the client configuration. Registered with the property {@link #ID}.
 */
@ConsumerType
public interface VpnGateway extends Provider {

    /** Service property carrying the gateway instance id. */
    String ID = "berth.vpn.id";

    /** Creates the peer, or returns the existing one for the same {@code peerId}. */
    VpnPeer ensurePeer(String peerId, String targetAddress) throws ProviderException;

    /** Removes the peer and its firewall rule; nothing happens when it does not exist. */
    void removePeer(String peerId) throws ProviderException;

    /** The client configuration (wg-quick format) of an existing peer. */
    String clientConfig(String peerId) throws ProviderException;
}
