package io.berth.api.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Who asks: every domain call carries it, so ownership and roles are checked in core.
 *
 * @param accountId the authenticated account
 * @param email its email, for the audit log
 * @param admin whether it has the admin role
 * @param remoteAddress the client's address, for the audit log (may be {@code null})
 */
public record Caller(UUID accountId, String email, boolean admin, String remoteAddress) {

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
    }
}
