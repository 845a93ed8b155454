package io.berth.api.provider;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every provider service has in common: an id (also published as a service property by each
 * extension point) and a health check.
 */
@ConsumerType
public interface Provider {

    /** The instance id, unique per extension point (e.g. {@code "pve-main"}). */
    String id();

    /** Checks the connection to the managed system; must not throw and should answer in seconds. */
    ProviderHealth health();
}
