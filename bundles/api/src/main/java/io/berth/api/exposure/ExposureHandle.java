package io.berth.api.exposure;

/**
 * A published route, as the provider identifies it.
 *
 * @param providerRef the provider's id for it (proxy host id, tunnel ingress rule, …)
 * @param hostname the public hostname
 */
public record ExposureHandle(String providerRef, String hostname) {
}
