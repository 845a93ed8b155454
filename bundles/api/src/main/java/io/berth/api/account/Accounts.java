package io.berth.api.account;

import io.berth.api.domain.Caller;
import io.berth.api.domain.Page;

import java.util.Optional;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/** The account store. Admin-only operations throw {@code ForbiddenException} for other callers. */
@ProviderType
public interface Accounts {

    /**
     * Checks a password. Returns the account when it matches and the account may log in (not
     * disabled, no reset pending). A matching legacy hash is upgraded to Argon2id on the way.
     */
    Optional<Account> authenticate(String email, String password);

    /** The account, if it exists. */
    Optional<Account> find(UUID id);

    /** What the account holds now. */
    Usage usage(UUID id);

    /** Every account, for admins, in creation order. */
    Page<Account> list(Caller caller, String cursor, int limit);

    /** Creates an account (admins only, or the platform itself when {@code caller} is null). */
    Account create(Caller caller, NewAccount account);

    /** Changes an account (admins only). */
    Account update(Caller caller, UUID id, AccountChange change);
}
