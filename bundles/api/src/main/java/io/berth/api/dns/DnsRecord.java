package io.berth.api.dns;

/**
 * One DNS record.
 *
 * @param name the fully qualified name
 * @param type {@code A}, {@code AAAA}, {@code CNAME}, …
 * @param content the address or target
 * @param ttl time to live in seconds ({@code 1} means automatic where supported)
 * @param proxied whether the provider's proxy fronts it (Cloudflare), ignored elsewhere
 */
public record DnsRecord(String name, String type, String content, int ttl, boolean proxied) {
}
