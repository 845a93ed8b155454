package io.berth.api.exposure;

import io.berth.api.provider.Provider;
import io.berth.api.provider.ProviderException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Publishes one port of a server under a public hostname, through a reverse proxy or a tunnel.
 * Registered with the property {@link #ID} (e.g. {@code npm}, {@code tunnel}).
 */
@ConsumerType
public interface ExposureProvider extends Provider {

    /** Service property carrying the provider instance id. */
    String ID = "berth.exposure.id";

    /** Creates or updates the route {@code hostname → targetAddress:port}. */
    ExposureHandle expose(String hostname, String targetAddress, int port) throws ProviderException;

    /** Removes the route; nothing happens when it does not exist. */
    void withdraw(ExposureHandle handle) throws ProviderException;
}
