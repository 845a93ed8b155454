package io.berth.core.internal.account;

import static io.berth.core.internal.db.schema.Tables.SERVERS;
import static io.berth.core.internal.db.schema.Tables.USERS;

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
import io.berth.api.domain.Validation;
import io.berth.core.internal.Cursors;
import io.berth.core.internal.audit.AuditLog;
import io.berth.core.internal.db.schema.tables.records.UsersRecord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account store on PostgreSQL. {@link #find} answers from what it read in the last
 * {@link #RECENT} (every authenticated request checks its caller's account, which changes seldom);
 * a change made here is seen at once, one made by another node or the migrator within that time.
 */
@Component(service = {Accounts.class, AccountService.class})
public final class AccountService implements Accounts {

    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    static final int MIN_PASSWORD = 10;
    static final Duration RECENT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

    private final DSLContext db;
    private final PasswordHasher hasher;
    /** Verified when the email is unknown, so both cases take the same time; made at first need. */
    private volatile String dummyHash;
    private final Cache<UUID, Optional<Account>> recent;

    @Activate
    public AccountService(@Reference(target = "(berth.datasource=main)") DSLContext db) {
        this(db, new PasswordHasher());
    }

    public AccountService(DSLContext db, PasswordHasher hasher) {
        this(db, hasher, Ticker.systemTicker());
    }

    AccountService(DSLContext db, PasswordHasher hasher, Ticker ticker) {
        this.db = db;
        this.hasher = hasher;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(RECENT).ticker(ticker).build();
    }

    @Override
    public Optional<Account> authenticate(String email, String password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        UsersRecord user = db.selectFrom(USERS).where(USERS.EMAIL.eq(normalize(email))).fetchOne();
        String stored = user == null || user.getPasswordHash() == null ? dummyHash() : user.getPasswordHash();
        boolean matches = hasher.verify(password, stored);
        if (user == null || !matches || user.getDisabled() || user.getPasswordResetRequired()) {
            return Optional.empty();
        }
        if (hasher.needsRehash(stored)) {
            db.update(USERS).set(USERS.PASSWORD_HASH, hasher.hash(password)).set(USERS.UPDATED_AT, Instant.now())
                    .where(USERS.ID.eq(user.getId()).and(USERS.PASSWORD_HASH.eq(stored))).execute();
            LOG.info("password hash upgraded to argon2id account={}", user.getId());
        }
        return Optional.of(toAccount(user));
    }

    /** An Argon2id hash costs a good part of a second: not at activation, which is on the way to a healthy start. */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = hasher.hash(UUID.randomUUID().toString());
            dummyHash = hash;
        }
        return hash;
    }

    @Override
    public Optional<Account> find(UUID id) {
        return recent.get(id, this::load);
    }

    private Optional<Account> load(UUID id) {
        return Optional.ofNullable(db.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOne()).map(AccountService::toAccount);
    }

    public Optional<Account> findByEmail(String email) {
        return Optional.ofNullable(db.selectFrom(USERS).where(USERS.EMAIL.eq(normalize(email))).fetchOne())
                .map(AccountService::toAccount);
    }

    @Override
    public Usage usage(UUID id) {
        int servers = db.fetchCount(SERVERS, SERVERS.OWNER_ID.eq(id).and(SERVERS.STATUS.ne("terminated")));
        return new Usage(servers, 0);
    }

    @Override
    public Page<Account> list(Caller caller, String cursor, int limit) {
        requireAdmin(caller);
        Condition after = DSL.noCondition();
        if (cursor != null) {
            Cursors.Position p = Cursors.decode(cursor);
            after = DSL.row(USERS.CREATED_AT, USERS.ID).gt(p.createdAt(), p.id());
        }
        List<UsersRecord> rows = db.selectFrom(USERS).where(after).orderBy(USERS.CREATED_AT, USERS.ID)
                .limit(Cursors.limit(limit) + 1).fetch();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            UsersRecord last = rows.get(limit - 1);
            next = Cursors.encode(last.getCreatedAt(), last.getId());
        }
        return new Page<>(rows.stream().map(AccountService::toAccount).toList(), next);
    }

    @Override
    public Account create(Caller caller, NewAccount account) {
        if (caller != null) {
            requireAdmin(caller);
        }
        Validation v = new Validation();
        v.check(account.email() != null && EMAIL.matcher(account.email().trim()).matches(), "email",
                "must be an email address");
        v.check(account.password() != null && account.password().length() >= MIN_PASSWORD, "password",
                "must have at least " + MIN_PASSWORD + " characters");
        checkQuotas(v, account.quotas());
        v.throwIfInvalid();
        Quotas quotas = account.quotas() == null ? Quotas.DEFAULT : account.quotas();
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try {
            return db.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                UsersRecord row = tx.newRecord(USERS);
                row.setId(id);
                row.setEmail(normalize(account.email()));
                row.setPasswordHash(hasher.hash(account.password()));
                row.setRole((account.role() == null ? Role.USER : account.role()).wireName());
                row.setQuotaServers(quotas.servers());
                row.setQuotaSubdomains(quotas.subdomains());
                row.setDisabled(false);
                row.setPasswordResetRequired(false);
                row.setCreatedAt(now);
                row.setUpdatedAt(now);
                row.store();
                AuditLog.record(tx, caller, "account.create", "account", id, "role=" + row.getRole());
                return toAccount(row);
            });
        } catch (IntegrityConstraintViolationException e) {
            throw new ConflictException("an account with email " + normalize(account.email()) + " exists already");
        }
    }

    @Override
    public Account update(Caller caller, UUID id, AccountChange change) {
        requireAdmin(caller);
        Validation v = new Validation();
        v.check(change.password() == null || change.password().length() >= MIN_PASSWORD, "password",
                "must have at least " + MIN_PASSWORD + " characters");
        checkQuotas(v, change.quotas());
        v.throwIfInvalid();
        try {
            return db.transactionResult(cfg -> change(cfg.dsl(), caller, id, change));
        } finally {
            recent.invalidate(id); // after the commit, so no reader caches the row as it was
        }
    }

    private Account change(DSLContext tx, Caller caller, UUID id, AccountChange change) {
        UsersRecord row = tx.selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().fetchOne();
        if (row == null) {
            throw new NotFoundException("no account " + id);
        }
        if (caller.accountId().equals(id) && (Boolean.TRUE.equals(change.disabled())
                || change.role() == Role.USER)) {
            throw new ConflictException("admins cannot disable or demote themselves");
        }
        if (change.disabled() != null) {
            row.setDisabled(change.disabled());
        }
        if (change.role() != null) {
            row.setRole(change.role().wireName());
        }
        if (change.quotas() != null) {
            row.setQuotaServers(change.quotas().servers());
            row.setQuotaSubdomains(change.quotas().subdomains());
        }
        if (change.password() != null) {
            row.setPasswordHash(hasher.hash(change.password()));
            row.setPasswordResetRequired(false);
        }
        row.setUpdatedAt(Instant.now());
        row.store();
        AuditLog.record(tx, caller, "account.update", "account", id, describe(change));
        return toAccount(row);
    }

    /** For the Gogo commands: changes made by the operator at the console. */
    public Account updateAsOperator(UUID id, AccountChange change) {
        return update(new Caller(new UUID(0, 0), "console", true, "console"), id, change);
    }

    private static String describe(AccountChange change) {
        StringBuilder s = new StringBuilder();
        if (change.disabled() != null) {
            s.append("disabled=").append(change.disabled()).append(' ');
        }
        if (change.role() != null) {
            s.append("role=").append(change.role().wireName()).append(' ');
        }
        if (change.quotas() != null) {
            s.append("quotas=").append(change.quotas().servers()).append('/').append(change.quotas().subdomains()).append(' ');
        }
        if (change.password() != null) {
            s.append("password=changed");
        }
        return s.toString().trim();
    }

    private static void checkQuotas(Validation v, Quotas quotas) {
        if (quotas != null) {
            v.check(quotas.servers() >= 0 && quotas.servers() <= 1000, "quotas.servers", "must be between 0 and 1000");
            v.check(quotas.subdomains() >= 0 && quotas.subdomains() <= 100, "quotas.subdomains",
                    "must be between 0 and 100");
        }
    }

    static void requireAdmin(Caller caller) {
        if (caller == null || !caller.admin()) {
            throw new ForbiddenException("this needs the admin role");
        }
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    static Account toAccount(UsersRecord r) {
        return new Account(r.getId(), r.getEmail(), r.getName(), Role.fromWireName(r.getRole()), r.getDisabled(),
                new Quotas(r.getQuotaServers(), r.getQuotaSubdomains()), r.getPasswordResetRequired(), r.getCreatedAt());
    }
}
