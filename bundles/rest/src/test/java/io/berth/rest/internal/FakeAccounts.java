package io.berth.rest.internal;

import io.berth.api.account.Account;
import io.berth.api.account.AccountChange;
import io.berth.api.account.Accounts;
import io.berth.api.account.NewAccount;
import io.berth.api.account.Quotas;
import io.berth.api.account.Role;
import io.berth.api.account.Usage;
import io.berth.api.domain.Caller;
import io.berth.api.domain.ConflictException;
import io.berth.api.domain.ForbiddenException;
import io.berth.api.domain.NotFoundException;
import io.berth.api.domain.Page;
import io.berth.api.domain.ValidationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Accounts in memory, with just enough of core's rules to answer like it. */
final class FakeAccounts implements Accounts {

    final Map<UUID, Account> accounts = new LinkedHashMap<>();
    final Map<UUID, String> passwords = new LinkedHashMap<>();
    final List<Caller> callers = new ArrayList<>();
    int authentications;

    Account add(String email, String password, Role role) {
        Account a = new Account(UUID.randomUUID(), email, null, role, false, Quotas.DEFAULT, false,
                Instant.parse("2025-01-02T03:04:05Z"));
        accounts.put(a.id(), a);
        passwords.put(a.id(), password);
        return a;
    }

    void disable(UUID id) {
        Account a = accounts.get(id);
        accounts.put(id, new Account(a.id(), a.email(), a.name(), a.role(), true, a.quotas(), false, a.createdAt()));
    }

    @Override
    public Optional<Account> authenticate(String email, String password) {
        authentications++;
        return accounts.values().stream()
                .filter(a -> a.email().equalsIgnoreCase(email) && !a.disabled())
                .filter(a -> passwords.get(a.id()).equals(password))
                .findFirst();
    }

    @Override
    public Optional<Account> find(UUID id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public Usage usage(UUID id) {
        return new Usage(1, 0);
    }

    @Override
    public Page<Account> list(Caller caller, String cursor, int limit) {
        admin(caller);
        return new Page<>(List.copyOf(accounts.values()), null);
    }

    @Override
    public Account create(Caller caller, NewAccount n) {
        admin(caller);
        if (n.email() == null || !n.email().contains("@")) {
            throw ValidationException.of("email", "must be an email address");
        }
        if (accounts.values().stream().anyMatch(a -> a.email().equals(n.email()))) {
            throw new ConflictException("an account with this email exists");
        }
        Account a = new Account(UUID.randomUUID(), n.email(), null, n.role() == null ? Role.USER : n.role(), false,
                n.quotas() == null ? Quotas.DEFAULT : n.quotas(), false, Instant.parse("2025-02-03T04:05:06Z"));
        accounts.put(a.id(), a);
        passwords.put(a.id(), n.password());
        return a;
    }

    @Override
    public Account update(Caller caller, UUID id, AccountChange change) {
        admin(caller);
        Account a = accounts.get(id);
        if (a == null) {
            throw new NotFoundException("account not found");
        }
        Account b = new Account(a.id(), a.email(), a.name(), change.role() == null ? a.role() : change.role(),
                change.disabled() == null ? a.disabled() : change.disabled(),
                change.quotas() == null ? a.quotas() : change.quotas(), false, a.createdAt());
        accounts.put(id, b);
        if (change.password() != null) {
            passwords.put(id, change.password());
        }
        return b;
    }

    private void admin(Caller caller) {
        callers.add(caller);
        if (caller == null || !caller.admin()) {
            throw new ForbiddenException("admins only");
        }
    }
}
