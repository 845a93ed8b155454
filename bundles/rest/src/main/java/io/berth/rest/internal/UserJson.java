package io.berth.rest.internal;

import io.berth.api.account.Account;
import io.berth.api.account.Quotas;
import io.berth.api.account.Usage;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** An account as the API shows it: never its password hash; {@code usage} left out of lists. */
public record UserJson(UUID id, String email, String role, boolean disabled, Instant createdAt, Counts quotas,
        @JsonInclude(JsonInclude.Include.NON_NULL) Counts usage) {

    /** Servers and subdomains: what an account may hold, or holds. */
    public record Counts(int servers, int subdomains) {
    }

    static UserJson of(Account a, Usage usage) {
        Quotas q = a.quotas() == null ? Quotas.DEFAULT : a.quotas();
        return new UserJson(a.id(), a.email(), a.role() == null ? null : a.role().wireName(), a.disabled(),
                a.createdAt(), new Counts(q.servers(), q.subdomains()),
                usage == null ? null : new Counts(usage.servers(), usage.subdomains()));
    }
}
