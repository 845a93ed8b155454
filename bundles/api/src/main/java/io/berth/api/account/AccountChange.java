package io.berth.api.account;

/**
 * Changes to an account; {@code null} fields stay as they are.
 *
 * @param disabled disable or enable it
 * @param role change its role
 * @param quotas change its quotas
 * @param password set a new password
 */
public record AccountChange(Boolean disabled, Role role, Quotas quotas, String password) {
}
