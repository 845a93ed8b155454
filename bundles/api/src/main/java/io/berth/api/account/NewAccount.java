package io.berth.api.account;

/**
 * An account to create.
 *
 * @param email its email
 * @param password its password in clear (hashed with Argon2id before it is stored)
 * @param role user or admin, {@code null} for user
 * @param quotas its quotas, {@code null} for the defaults
 */
public record NewAccount(String email, String password, Role role, Quotas quotas) {
}
