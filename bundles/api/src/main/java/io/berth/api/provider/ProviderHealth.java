package io.berth.api.provider;

import java.util.Objects;

/**
 * The state of a provider's connection to the system it manages, as shown by {@code /api/health}.
 *
 * @param up whether the provider can currently reach its system
 * @param detail a short human-readable explanation, never containing credentials
 */
public record ProviderHealth(boolean up, String detail) {

    public ProviderHealth {
        Objects.requireNonNull(detail, "detail");
    }

    public static ProviderHealth up(String detail) {
        return new ProviderHealth(true, detail);
    }

    public static ProviderHealth down(String detail) {
        return new ProviderHealth(false, detail);
    }
}
