package io.berth.api.vpn;

/**
 * A peer on a VPN gateway.
 *
 * @param peerId Berth's id for the peer (the server id)
 * @param publicKey the peer's public key
 * @param tunnelAddress the peer's address inside the tunnel
 * @param targetAddress the one address this peer may reach
 */
public record VpnPeer(String peerId, String publicKey, String tunnelAddress, String targetAddress) {
}
