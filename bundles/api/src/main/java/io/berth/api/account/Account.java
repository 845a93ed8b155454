package io.berth.api.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A user or admin. Never carries the password hash.
 *
 * @param id its id
 * @param email its email (unique, lower case)
 * @param name display name, may be {@code null}
 * @param role user or admin
 * @param disabled whether it may log in
 * @param quotas its quotas
 * @param passwordResetRequired whether its password must be reset before it can log in
 * @param createdAt when it was made
 */
public record Account(UUID id, String email, String name, Role role, boolean disabled, Quotas quotas,
        boolean passwordResetRequired, Instant createdAt) {

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
