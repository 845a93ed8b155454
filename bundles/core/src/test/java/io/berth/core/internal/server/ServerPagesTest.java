package io.berth.core.internal.server;

import static io.berth.core.internal.db.schema.Tables.IMAGES;
import static io.berth.core.internal.db.schema.Tables.SERVERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.account.Account;
import io.berth.api.account.NewAccount;
import io.berth.api.account.Quotas;
import io.berth.api.catalog.Image;
import io.berth.api.catalog.Plan;
import io.berth.api.domain.Caller;
import io.berth.api.domain.Page;
import io.berth.api.server.CreateServer;
import io.berth.api.server.Server;
import io.berth.api.server.ServerStatus;
import io.berth.core.internal.TestConfigs;
import io.berth.core.internal.account.AccountService;
import io.berth.core.internal.account.PasswordHasher;
import io.berth.core.internal.catalog.CatalogConfig;
import io.berth.core.internal.catalog.CatalogService;
import io.berth.core.internal.db.TestDatabase;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lists kept in memory stay true to the database: the changes of other runtimes (here: plain SQL on
 * another connection) arrive through PostgreSQL's notifications, this runtime's orders at once.
 */
class ServerPagesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final DSLContext db = TestDatabase.dsl();
    private ServerPages pages;
    private ServerService servers;
    private Caller alice;
    private Caller bob;
    private Image image;
    private Plan small;

    @BeforeEach
    void setUp() throws Exception {
        CatalogService catalog = new CatalogService(db, TestConfigs.of(CatalogConfig.class, Map.of("images",
                new String[] {"pve-test|pve1/9000|Ubuntu 24.04|ubuntu|10|linked"})));
        AddressPool pool = new AddressPool(db, TestConfigs.of(PoolConfig.class, Map.of("name", "test-" + UUID.randomUUID(),
                "first", "10.30.0.10", "last", "10.30.0.200")));
        // the listening connection checked every 100 ms, so every test also runs through those checks
        pages = new ServerPages(TestDatabase.dataSource(), Duration.ofMillis(100));
        servers = new ServerService(db, catalog, pool, pages);
        AccountService accounts = new AccountService(db, new PasswordHasher(1024, 1, 1));
        alice = caller(accounts.create(null, new NewAccount(unique("alice"), "long enough password", null, new Quotas(5, 2))));
        bob = caller(accounts.create(null, new NewAccount(unique("bob"), "long enough password", null, new Quotas(5, 2))));
        image = catalog.images().stream().filter(i -> i.templateRef().equals("pve1/9000")).findFirst().orElseThrow();
        small = catalog.plans().stream().filter(p -> p.name().equals("small")).findFirst().orElseThrow();
        eventually(pages::listening);
    }

    @AfterEach
    void tearDown() {
        pages.close();
    }

    @Test
    void aListIsServedFromMemoryUntilAnotherRuntimeChangesOneOfTheOwnersServers() {
        Server web = order(alice, "web-1");
        Page<Server> first = kept(alice);
        assertThat(list(alice)).isSameAs(first);

        // another runtime's job (or the migrator) writes: only the notification tells this one
        db.update(SERVERS).set(SERVERS.STATUS_DETAIL, "cloning").where(SERVERS.ID.eq(web.id())).execute();

        eventually(() -> "cloning".equals(list(alice).items().get(0).statusDetail()));
        Page<Server> fresh = list(alice);
        assertThat(list(alice)).isSameAs(fresh);
    }

    @Test
    void anOrderMadeThroughThisRuntimeIsInTheOwnersVeryNextList() {
        order(alice, "web-1");
        assertThat(kept(alice).items()).extracting(Server::name).containsExactly("web-1");

        order(alice, "web-2");

        assertThat(list(alice).items()).extracting(Server::name).containsExactly("web-1", "web-2");
    }

    @Test
    void anotherOwnersChangeLeavesTheListInMemory() {
        order(alice, "web-1");
        Server bobs = order(bob, "db-1");
        Page<Server> alices = kept(alice);
        kept(bob);

        db.update(SERVERS).set(SERVERS.STATUS_DETAIL, "cloning").where(SERVERS.ID.eq(bobs.id())).execute();

        eventually(() -> "cloning".equals(list(bob).items().get(0).statusDetail()));
        assertThat(list(alice)).isSameAs(alices);
    }

    @Test
    void aChangedImageRefreshesEveryList() {
        order(alice, "web-1");
        Page<Server> before = kept(alice);

        db.update(IMAGES).set(IMAGES.NAME, IMAGES.NAME).where(IMAGES.ID.eq(image.id())).execute();

        eventually(() -> list(alice) != before);
    }

    @Test
    void whileTheNotificationsAreDownEveryListReadsTheDatabaseAndKeepingResumesAfterwards() {
        Server web = order(alice, "web-1");
        list(alice);

        long stopped = db.fetchSingle("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where application_name = '" + ServerPages.APPLICATION_NAME + "'").get(0, Long.class);
        assertThat(stopped).isPositive();
        eventually(() -> !pages.listening());

        assertThat(list(alice)).isNotSameAs(list(alice));

        eventually(pages::listening);
        db.update(SERVERS).set(SERVERS.STATUS_DETAIL, "booting").where(SERVERS.ID.eq(web.id())).execute();
        eventually(() -> "booting".equals(list(alice).items().get(0).statusDetail()));
        assertThat(list(alice)).isSameAs(list(alice));
    }

    @Test
    void aPayloadThatIsNoOwnerDropsEveryList() {
        order(alice, "web-1");
        Page<Server> before = kept(alice);

        pages.apply("not-an-id");

        assertThat(list(alice)).isNotSameAs(before);
    }

    @Test
    void onlyTheUnfilteredFirstPageIsKept() {
        order(alice, "web-1");
        order(alice, "web-2");
        eventually(() -> servers.list(alice, null, null, 1) == servers.list(alice, null, null, 1));
        Page<Server> first = servers.list(alice, null, null, 1);
        assertThat(servers.list(alice, null, null, 1)).isSameAs(first);
        assertThat(servers.list(alice, null, first.nextCursor(), 1)).isNotSameAs(servers.list(alice, null, first.nextCursor(), 1));
        assertThat(servers.list(alice, ServerStatus.PROVISIONING, null, 25))
                .isNotSameAs(servers.list(alice, ServerStatus.PROVISIONING, null, 25));
    }

    @Test
    void theListeningConnectionIsNotOneOfThePools() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setDataSource(TestDatabase.dataSource());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(2_000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            ServerPages own = new ServerPages(pool);
            try {
                eventually(own::listening);
                try (Connection c = pool.getConnection()) {
                    assertThat(c.isValid(1)).as("the pool's only connection is free").isTrue();
                }
            } finally {
                own.close();
            }
        }
    }

    private Server order(Caller who, String name) {
        return servers.create(who, new CreateServer(name, image.id(), small.id(), null, null, null, List.of()), null).server();
    }

    private Page<Server> list(Caller who) {
        return servers.list(who, null, null, 25);
    }

    /**
     * The owner's list once it stays in memory: the notification of the order's own commit arrives
     * a moment after the order and drops the list once more.
     */
    private Page<Server> kept(Caller who) {
        eventually(() -> list(who) == list(who));
        return list(who);
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static Caller caller(Account a) {
        return new Caller(a.id(), a.email(), false, "192.0.2.1");
    }
}
