package io.berth.api.account;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The key that signs access tokens. Kept in the database so every runtime sharing it accepts the
 * tokens of the others; made at first use.
 */
@ProviderType
public interface SigningKeys {

    /** The private signing key as a JSON Web Key (EC P-256, with a {@code kid}). Never log it. */
    String signingJwk();
}
