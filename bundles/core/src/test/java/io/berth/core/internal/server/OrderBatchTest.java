package io.berth.core.internal.server;

import static io.berth.core.internal.db.schema.Tables.AUDIT_LOG;
import static io.berth.core.internal.db.schema.Tables.IP_ALLOCATIONS;
import static io.berth.core.internal.db.schema.Tables.JOBS;
import static io.berth.core.internal.db.schema.Tables.SCHEDULED_TASKS;
import static io.berth.core.internal.db.schema.Tables.SERVERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.account.NewAccount;
import io.berth.api.account.Quotas;
import io.berth.api.catalog.Image;
import io.berth.api.catalog.Plan;
import io.berth.api.domain.Caller;
import io.berth.api.domain.ConflictException;
import io.berth.api.server.CreateServer;
import io.berth.api.server.Created;
import io.berth.api.server.Server;
import io.berth.core.internal.TestConfigs;
import io.berth.core.internal.account.AccountService;
import io.berth.core.internal.account.PasswordHasher;
import io.berth.core.internal.catalog.CatalogConfig;
import io.berth.core.internal.catalog.CatalogService;
import io.berth.core.internal.db.TestDatabase;
import io.berth.core.internal.server.OrderQueue.Outcome;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Orders of one account written together, on a real PostgreSQL: each gets what it would have got alone. */
class OrderBatchTest {

    private final DSLContext db = TestDatabase.dsl();
    private final AccountService accounts = new AccountService(db, new PasswordHasher(1024, 1, 1));
    private final CatalogService catalog;
    private final Image image;
    private final Plan small;
    private ServerPages pages;

    OrderBatchTest() throws Exception {
        catalog = new CatalogService(db, TestConfigs.of(CatalogConfig.class, Map.of("images",
                new String[] {"pve-test|pve1/9000|Ubuntu 24.04|ubuntu|10|linked"})));
        image = catalog.images().stream().filter(i -> i.templateRef().equals("pve1/9000")).findFirst().orElseThrow();
        small = catalog.plans().stream().filter(p -> p.name().equals("small")).findFirst().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        if (pages != null) {
            pages.close();
        }
    }

    private ServerService servers(AddressPool pool) {
        pages = new ServerPages(TestDatabase.dataSource());
        return new ServerService(db, catalog, pool, pages);
    }

    private AddressPool pool(String first, String last) throws Exception {
        return new AddressPool(db, TestConfigs.of(PoolConfig.class, Map.of("name", "batch-" + UUID.randomUUID(),
                "first", first, "last", last)));
    }

    @Test
    void aBatchHasTheOutcomesItsOrdersWouldHaveHadOneAfterTheOther() throws Exception {
        AddressPool pool = pool("10.40.0.10", "10.40.0.200");
        ServerService servers = servers(pool);
        Caller alice = account(3);

        List<Outcome> outcomes = batch(pool, alice, List.of(order(alice, "web-1", null),
                order(alice, "web-2", null), order(alice, "web-1", null), order(alice, "web-3", null),
                order(alice, "web-4", null)));

        assertThat(outcomes).hasSize(5);
        assertThat(outcomes.get(2).refusal()).isInstanceOf(ConflictException.class)
                .hasMessage("you already have a server named web-1");
        assertThat(outcomes.get(4).refusal()).isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("server quota reached: 3 of 3 servers in use");
        List<Server> made = List.of(outcomes.get(0).created().server(), outcomes.get(1).created().server(),
                outcomes.get(3).created().server());
        assertThat(made).extracting(Server::name).containsExactly("web-1", "web-2", "web-3");
        assertThat(made).extracting(Server::ipAddress).doesNotHaveDuplicates().allMatch(a -> a.startsWith("10.40.0."));
        for (Server s : made) {
            assertThat(servers.get(alice, s.id())).isEqualTo(s); // the answer is the server as stored
            assertThat(db.fetchValue(db.select(IP_ALLOCATIONS.ADDRESS).from(IP_ALLOCATIONS)
                    .where(IP_ALLOCATIONS.SERVER_ID.eq(s.id())))).isEqualTo(s.ipAddress());
            assertThat(db.fetchCount(JOBS, JOBS.SERVER_ID.eq(s.id()).and(JOBS.KIND.eq("provision")))).isEqualTo(1);
            assertThat(db.fetchCount(SCHEDULED_TASKS, SCHEDULED_TASKS.TASK_INSTANCE.in(
                    db.select(JOBS.ID.cast(String.class)).from(JOBS).where(JOBS.SERVER_ID.eq(s.id()))))).isEqualTo(1);
            assertThat(db.fetchCount(AUDIT_LOG, AUDIT_LOG.RESOURCE_ID.eq(s.id().toString())
                    .and(AUDIT_LOG.ACTION.eq("server.create")).and(AUDIT_LOG.ACTOR_ID.eq(alice.accountId()))))
                    .isEqualTo(1);
        }
        assertThat(db.fetchCount(SERVERS, SERVERS.OWNER_ID.eq(alice.accountId()))).isEqualTo(3);
    }

    @Test
    void idempotencyKeysAreHonouredWithinABatchAndAgainstEarlierOrders() throws Exception {
        AddressPool pool = pool("10.41.0.10", "10.41.0.200");
        ServerService servers = servers(pool);
        Caller alice = account(5);
        Server stored = servers.create(alice, request("a"), "k-stored").server();

        List<Outcome> outcomes = batch(pool, alice, List.of(order(alice, "b", "k1"),
                order(alice, "b", "k1"), order(alice, "c", "k1"), order(alice, "a", "k-stored"),
                order(alice, "d", "k-stored")));

        Created b = outcomes.get(0).created();
        assertThat(b.replayed()).isFalse();
        assertThat(outcomes.get(1).created().replayed()).isTrue();
        assertThat(outcomes.get(1).created().server()).isEqualTo(b.server());
        assertThat(outcomes.get(2).refusal()).hasMessageContaining("already used with a different request");
        assertThat(outcomes.get(3).created().replayed()).isTrue();
        assertThat(outcomes.get(3).created().server()).isEqualTo(stored);
        assertThat(outcomes.get(4).refusal()).hasMessageContaining("already used with a different request");
        assertThat(db.fetchCount(SERVERS, SERVERS.OWNER_ID.eq(alice.accountId()))).isEqualTo(2);
        // and the key written by the batch is honoured by a later order alone
        assertThat(servers.create(alice, request("b"), "k1").server()).isEqualTo(b.server());
    }

    @Test
    void aBatchThatCannotBeWrittenIsWrittenOrderByOrder() throws Exception {
        ServerService servers = servers(pool("10.42.0.10", "10.42.0.11")); // two addresses for three orders
        Caller alice = account(5);

        List<Outcome> outcomes = servers.write(alice.accountId(), List.of(order(alice, "one", null),
                order(alice, "two", null), order(alice, "three", null)));

        assertThat(outcomes.get(0).created().server().ipAddress()).isEqualTo("10.42.0.10");
        assertThat(outcomes.get(1).created().server().ipAddress()).isEqualTo("10.42.0.11");
        assertThat(outcomes.get(2).refusal()).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no free address left");
        assertThat(db.fetchCount(SERVERS, SERVERS.OWNER_ID.eq(alice.accountId()))).isEqualTo(2);
    }

    @Test
    void aBurstOfOrdersOfOneAccountStopsExactlyAtItsQuota() throws Exception {
        ServerService servers = servers(pool("10.43.0.10", "10.43.0.250"));
        Caller alice = account(20);
        ExecutorService executor = Executors.newFixedThreadPool(30);
        try {
            List<Future<Server>> orders = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String name = "burst-" + i;
                orders.add(executor.submit(() -> servers.create(alice, request(name), null).server()));
            }
            Set<String> addresses = new HashSet<>();
            int refused = 0;
            for (Future<Server> f : orders) {
                try {
                    assertThat(addresses.add(f.get().ipAddress())).isTrue();
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ConflictException.class).hasMessageContaining("quota");
                    refused++;
                }
            }
            assertThat(addresses).hasSize(20);
            assertThat(refused).isEqualTo(10);
            assertThat(db.fetchCount(SERVERS, SERVERS.OWNER_ID.eq(alice.accountId()))).isEqualTo(20);
            assertThat(db.fetchCount(JOBS, JOBS.SERVER_ID.in(db.select(SERVERS.ID).from(SERVERS)
                    .where(SERVERS.OWNER_ID.eq(alice.accountId()))))).isEqualTo(20);
        } finally {
            executor.shutdown();
        }
    }

    /** The batch's own transaction (not the one-by-one path a failed batch falls back to). */
    private List<Outcome> batch(AddressPool pool, Caller caller, List<ServerOrder> orders) {
        return db.transactionResult(cfg -> OrderBatch.write(cfg.dsl(), pool, caller.accountId(), orders));
    }

    private Caller account(int quota) {
        var a = accounts.create(null, new NewAccount("batch-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com", "long enough password", null, new Quotas(quota, 2)));
        return new Caller(a.id(), a.email(), false, "192.0.2.1");
    }

    private CreateServer request(String name) {
        return new CreateServer(name, image.id(), small.id(), null, null, null, List.of());
    }

    private ServerOrder order(Caller caller, String name, String key) {
        CreateServer request = request(name);
        return new ServerOrder(caller, request, ServerRequests.check(request, catalog), key);
    }
}
