package io.berth.api.dns;

import io.berth.api.provider.Provider;
import io.berth.api.provider.ProviderException;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/** DNS records in one zone. Registered with the property {@link #ID}. */
@ConsumerType
public interface DnsProvider extends Provider {

    /** Service property carrying the provider instance id. */
    String ID = "berth.dns.id";

    /** The zone this provider manages, e.g. {@code example.com}. */
    String zone();

    /** Creates or updates the record of that name and type so it has exactly this content. */
    DnsRecord upsert(DnsRecord record) throws ProviderException;

    /** The record of that name and type, if any. */
    Optional<DnsRecord> find(String name, String type) throws ProviderException;

    /** Deletes the record of that name and type; nothing happens when it does not exist. */
    void delete(String name, String type) throws ProviderException;
}
