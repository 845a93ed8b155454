package io.berth.core.internal.account;

import static io.berth.core.internal.db.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.account.Account;
import io.berth.api.account.AccountChange;
import io.berth.api.account.NewAccount;
import io.berth.api.account.Quotas;
import io.berth.api.account.Role;
import io.berth.api.domain.Caller;
import io.berth.api.domain.ConflictException;
import io.berth.api.domain.ForbiddenException;
import io.berth.api.domain.ValidationException;
import io.berth.core.internal.db.TestDatabase;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

class AccountServiceTest {

    private final DSLContext db = TestDatabase.dsl();
    private final AccountService accounts = new AccountService(db, new PasswordHasher(1024, 1, 1));
    private final Caller admin = new Caller(UUID.randomUUID(), "root@example.com", true, "127.0.0.1");

    private static String email() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
    }

    @Test
    void anAccountLogsInWithItsPasswordOnly() {
        String email = email();
        Account made = accounts.create(admin, new NewAccount(email, "long enough password", null, null));
        assertThat(made.email()).isEqualTo(email.toLowerCase());
        assertThat(made.role()).isEqualTo(Role.USER);
        assertThat(made.quotas()).isEqualTo(Quotas.DEFAULT);
        assertThat(accounts.authenticate(email.toUpperCase(), "long enough password")).contains(made);
        assertThat(accounts.authenticate(email, "long enough passwore")).isEmpty();
        assertThat(accounts.authenticate("nobody@example.com", "long enough password")).isEmpty();
    }

    @Test
    void aChangeMadeHereIsSeenAtOnceAndOneMadeElsewhereWithinTheRecentWindow() {
        AtomicLong nanos = new AtomicLong();
        AccountService node = new AccountService(db, new PasswordHasher(1024, 1, 1), nanos::get);
        Account made = node.create(admin, new NewAccount(email(), "long enough password", null, null));
        assertThat(node.find(made.id())).hasValueSatisfying(a -> assertThat(a.disabled()).isFalse());

        node.update(admin, made.id(), new AccountChange(true, null, null, null));
        assertThat(node.find(made.id())).hasValueSatisfying(a -> assertThat(a.disabled()).isTrue());

        // another node (or the migrator) enables it again, straight in the database
        db.update(USERS).set(USERS.DISABLED, false).where(USERS.ID.eq(made.id())).execute();
        nanos.addAndGet(AccountService.RECENT.toNanos() - 1);
        assertThat(node.find(made.id())).hasValueSatisfying(a -> assertThat(a.disabled()).isTrue());
        nanos.addAndGet(2);
        assertThat(node.find(made.id())).hasValueSatisfying(a -> assertThat(a.disabled()).isFalse());

        db.deleteFrom(USERS).where(USERS.ID.eq(made.id())).execute();
        nanos.addAndGet(AccountService.RECENT.toNanos() + 1);
        assertThat(node.find(made.id())).isEmpty();
    }

    @Test
    void aDisabledAccountCannotLogIn() {
        String email = email();
        Account made = accounts.create(admin, new NewAccount(email, "long enough password", null, null));
        accounts.update(admin, made.id(), new AccountChange(true, null, null, null));
        assertThat(accounts.authenticate(email, "long enough password")).isEmpty();
        accounts.update(admin, made.id(), new AccountChange(false, null, null, null));
        assertThat(accounts.authenticate(email, "long enough password")).isPresent();
    }

    @Test
    void aMigratedBcryptHashLogsInAndIsUpgradedToArgon2id() {
        UUID id = UUID.randomUUID();
        String bcrypt = OpenBSDBCrypt.generate("2y", "whmcs password".toCharArray(), new SecureRandom().generateSeed(16), 8);
        String email = email().toLowerCase();
        db.insertInto(USERS).set(USERS.ID, id).set(USERS.EMAIL, email).set(USERS.PASSWORD_HASH, bcrypt).execute();

        assertThat(accounts.authenticate(email, "whmcs password")).isPresent();
        String upgraded = db.select(USERS.PASSWORD_HASH).from(USERS).where(USERS.ID.eq(id)).fetchSingle().value1();
        assertThat(upgraded).startsWith("$argon2id$");
        assertThat(accounts.authenticate(email, "whmcs password")).as("still the same password").isPresent();
        assertThat(accounts.authenticate(email, "wrong")).isEmpty();
    }

    @Test
    void aLegacyHashWithAPendingResetCannotLogIn() {
        String email = email().toLowerCase();
        db.insertInto(USERS).set(USERS.ID, UUID.randomUUID()).set(USERS.EMAIL, email)
                .set(USERS.PASSWORD_HASH, "5f4dcc3b5aa765d61d8327deb882cf99:xy").set(USERS.PASSWORD_RESET_REQUIRED, true)
                .execute();
        assertThat(accounts.authenticate(email, "password")).isEmpty();
    }

    @Test
    void creatingRefusesDuplicatesBadInputAndNonAdmins() {
        String email = email();
        accounts.create(admin, new NewAccount(email, "long enough password", Role.ADMIN, new Quotas(3, 1)));
        assertThatThrownBy(() -> accounts.create(admin, new NewAccount(email.toUpperCase(), "long enough password",
                null, null))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> accounts.create(admin, new NewAccount("not-an-email", "short", null, new Quotas(-1, 0))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field)
                        .containsExactly("email", "password", "quotas.servers"));
        Caller user = new Caller(UUID.randomUUID(), "u@example.com", false, null);
        assertThatThrownBy(() -> accounts.create(user, new NewAccount(email(), "long enough password", null, null)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> accounts.list(user, null, 10)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void listingPagesThroughEveryAccountOnce() {
        for (int i = 0; i < 3; i++) {
            accounts.create(admin, new NewAccount(email(), "long enough password", null, null));
        }
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = accounts.list(admin, cursor, 2);
            page.items().forEach(a -> assertThat(seen.add(a.id())).as("seen once").isTrue());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(db.fetchCount(USERS));
        assertThat(pages).isGreaterThan(1);
    }
}
