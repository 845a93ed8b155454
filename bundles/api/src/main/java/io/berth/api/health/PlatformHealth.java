package io.berth.api.health;

import io.berth.api.provider.ProviderHealth;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The state of what Berth depends on, for {@code /api/health} and {@code berth:status}. Answers
 * even when the database is down.
 */
@ProviderType
public interface PlatformHealth {

    /** The database: up with its product and version, or down with the reason. */
    ProviderHealth database();

    /** Every registered provider by {@code kind:id} (e.g. {@code hypervisor:pve-main}), in name order. */
    Map<String, ProviderHealth> providers();
}
