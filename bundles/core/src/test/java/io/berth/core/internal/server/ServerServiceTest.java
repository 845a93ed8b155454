package io.berth.core.internal.server;

import static io.berth.core.internal.db.schema.Tables.IP_ALLOCATIONS;
import static io.berth.core.internal.db.schema.Tables.JOBS;
import static io.berth.core.internal.db.schema.Tables.SCHEDULED_TASKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.account.Account;
import io.berth.api.account.NewAccount;
import io.berth.api.account.Quotas;
import io.berth.api.catalog.Image;
import io.berth.api.catalog.Plan;
import io.berth.api.domain.Caller;
import io.berth.api.domain.ConflictException;
import io.berth.api.domain.ForbiddenException;
import io.berth.api.domain.NotFoundException;
import io.berth.api.domain.ValidationException;
import io.berth.api.hypervisor.PowerAction;
import io.berth.api.server.CreateServer;
import io.berth.api.server.Created;
import io.berth.api.server.Server;
import io.berth.api.server.ServerStatus;
import io.berth.api.server.ServerTarget;
import io.berth.core.internal.TestConfigs;
import io.berth.core.internal.account.AccountService;
import io.berth.core.internal.account.PasswordHasher;
import io.berth.core.internal.catalog.CatalogConfig;
import io.berth.core.internal.catalog.CatalogService;
import io.berth.core.internal.db.TestDatabase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerServiceTest {

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh0ZXN0a2V5dGVzdGtleXRlc3RrZXl0ZXN0a2V5dA alice@laptop";

    private final DSLContext db = TestDatabase.dsl();
    private CatalogService catalog;
    private AddressPool pool;
    private ServerPages pages;
    private ServerService servers;
    private ServerLifecycleService lifecycle;
    private Caller alice;
    private Caller bob;
    private final Caller admin = new Caller(UUID.randomUUID(), "admin@example.com", true, "127.0.0.1");
    private Image image;
    private Plan small;

    @AfterEach
    void tearDown() {
        pages.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        catalog = new CatalogService(db, TestConfigs.of(CatalogConfig.class, Map.of("images",
                new String[] {"pve-test|pve1/9000|Ubuntu 24.04|ubuntu|10|linked"})));
        pool = new AddressPool(db, TestConfigs.of(PoolConfig.class, Map.of("name", "test-" + UUID.randomUUID(),
                "first", "10.20.0.10", "last", "10.20.0.200")));
        pages = new ServerPages(TestDatabase.dataSource());
        servers = new ServerService(db, catalog, pool, pages);
        lifecycle = new ServerLifecycleService(db, pool);
        AccountService accounts = new AccountService(db, new PasswordHasher(1024, 1, 1));
        alice = caller(accounts.create(null, new NewAccount(unique("alice"), "long enough password", null, new Quotas(3, 2))));
        bob = caller(accounts.create(null, new NewAccount(unique("bob"), "long enough password", null, null)));
        image = catalog.images().stream().filter(i -> i.templateRef().equals("pve1/9000")).findFirst().orElseThrow();
        small = catalog.plans().stream().filter(p -> p.name().equals("small")).findFirst().orElseThrow();
    }

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static Caller caller(Account a) {
        return new Caller(a.id(), a.email(), false, "192.0.2.1");
    }

    private CreateServer order(String name) {
        return new CreateServer(name, image.id(), small.id(), null, null, null, List.of(KEY));
    }

    @Test
    void anOrderWritesTheServerItsAddressAndAProvisioningJobTogether() {
        Created created = servers.create(alice, order("web-1"), null);
        Server s = created.server();
        assertThat(created.replayed()).isFalse();
        assertThat(s.status()).isEqualTo(ServerStatus.PROVISIONING);
        assertThat(s.imageName()).isEqualTo("Ubuntu 24.04");
        assertThat(s.cpuCores()).isEqualTo(small.cpuCores());
        assertThat(s.ipAddress()).startsWith("10.20.0.");
        assertThat(db.fetchCount(JOBS, JOBS.SERVER_ID.eq(s.id()).and(JOBS.KIND.eq("provision")))).isEqualTo(1);
        assertThat(db.fetchCount(SCHEDULED_TASKS, SCHEDULED_TASKS.TASK_INSTANCE.in(
                db.select(JOBS.ID.cast(String.class)).from(JOBS).where(JOBS.SERVER_ID.eq(s.id()))))).isEqualTo(1);

        ServerTarget target = lifecycle.target(s.id());
        assertThat(target.templateRef()).isEqualTo("pve1/9000");
        assertThat(target.linkedClone()).isTrue();
        assertThat(target.sshKeys()).containsExactly(KEY);
        assertThat(target.prefixLength()).isEqualTo(24);
        assertThat(target.gateway()).isEqualTo("10.10.0.1");
    }

    @Test
    void anotherUsersServerIsNotFoundForEveryOperation() {
        Server s = servers.create(alice, order("web-1"), null).server();
        assertThatThrownBy(() -> servers.get(bob, s.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> servers.act(bob, s.id(), PowerAction.STOP)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> servers.terminate(bob, s.id())).isInstanceOf(NotFoundException.class);
        assertThat(servers.list(bob, null, null, 25).items()).isEmpty();
        assertThat(servers.get(admin, s.id()).id()).isEqualTo(s.id());
        assertThatThrownBy(() -> servers.listAll(bob, null, null, 25)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void theQuotaRefusesTheFourthServerAndTerminationFreesItsPlace() {
        List<Server> made = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            made.add(servers.create(alice, order("s" + i), null).server());
        }
        assertThatThrownBy(() -> servers.create(alice, order("s4"), null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("quota");
        lifecycle.settled(made.get(0).id(), ServerStatus.RUNNING, null);
        servers.terminate(alice, made.get(0).id());
        lifecycle.settled(made.get(0).id(), ServerStatus.TERMINATED, null);
        assertThat(db.fetchCount(IP_ALLOCATIONS, IP_ALLOCATIONS.SERVER_ID.eq(made.get(0).id()))).isZero();
        assertThat(servers.create(alice, order("s4"), null).server().status()).isEqualTo(ServerStatus.PROVISIONING);
        assertThat(servers.get(alice, made.get(0).id()).status()).isEqualTo(ServerStatus.TERMINATED);
        assertThat(servers.list(alice, null, null, 25).items()).extracting(Server::name).containsExactly("s2", "s3", "s4");
    }

    @Test
    void theSameIdempotencyKeyAndRequestGiveTheSameServer() {
        Created first = servers.create(alice, order("web-1"), "key-1");
        Created again = servers.create(alice, order("web-1"), "key-1");
        assertThat(again.replayed()).isTrue();
        assertThat(again.server().id()).isEqualTo(first.server().id());
        assertThat(db.fetchCount(JOBS, JOBS.SERVER_ID.eq(first.server().id()))).isEqualTo(1);
        assertThatThrownBy(() -> servers.create(alice, order("web-2"), "key-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("Idempotency-Key");
        assertThat(servers.create(bob, order("web-1"), "key-1").replayed()).as("keys are per user").isFalse();
    }

    @Test
    void concurrentOrdersWithOneKeyMakeOneServer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Created>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> servers.create(alice, order("same"), "same-key")));
            }
            Set<UUID> ids = new HashSet<>();
            for (Future<Created> f : results) {
                ids.add(f.get().server().id());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badOrdersNameEveryFieldAndChangeNothing() {
        int before = db.fetchCount(JOBS);
        CreateServer bad = new CreateServer("Web_1", UUID.randomUUID(), null, 0, null, 5000,
                List.of("not a key"));
        assertThatThrownBy(() -> servers.create(alice, bad, null)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(ValidationException.FieldError::field)
                        .contains("name", "image_id", "memory_mb", "cpu_cores", "disk_gb", "ssh_keys[0]"));
        CreateServer tooSmall = new CreateServer("tiny", image.id(), null, 1, 512, 5, List.of());
        assertThatThrownBy(() -> servers.create(alice, tooSmall, null)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(ValidationException.FieldError::field).containsExactly("disk_gb"));
        assertThat(db.fetchCount(JOBS)).isEqualTo(before);
    }

    @Test
    void actionsFollowTheStateMachineAndSuspensionBlocksThem() {
        Server s = servers.create(alice, order("web-1"), null).server();
        assertThatThrownBy(() -> servers.act(alice, s.id(), PowerAction.REBOOT)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("provisioning");
        lifecycle.settled(s.id(), ServerStatus.RUNNING, null);
        assertThat(servers.act(alice, s.id(), PowerAction.REBOOT).status()).isEqualTo(ServerStatus.REBOOTING);
        lifecycle.settled(s.id(), ServerStatus.RUNNING, null);
        assertThat(servers.suspend(admin, s.id()).status()).isEqualTo(ServerStatus.SUSPENDED);
        assertThatThrownBy(() -> servers.act(alice, s.id(), PowerAction.STOP)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("suspended");
        assertThatThrownBy(() -> servers.suspend(alice, s.id())).isInstanceOf(ForbiddenException.class);
        assertThat(servers.unsuspend(admin, s.id()).status()).isEqualTo(ServerStatus.RUNNING);
        assertThat(servers.act(alice, s.id(), PowerAction.SHUTDOWN).status()).isEqualTo(ServerStatus.STOPPING);
        assertThat(db.fetchCount(JOBS, JOBS.SERVER_ID.eq(s.id()))).isEqualTo(3);
    }

    @Test
    void concurrentOrdersGetDistinctAddresses() throws Exception {
        AccountService accounts = new AccountService(db, new PasswordHasher(1024, 1, 1));
        ExecutorService executor = Executors.newFixedThreadPool(6);
        try {
            List<Future<Server>> made = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Caller c = caller(accounts.create(null, new NewAccount(unique("c" + i), "long enough password", null, null)));
                made.add(executor.submit(() -> servers.create(c, order("host"), null).server()));
            }
            Set<String> addresses = new HashSet<>();
            for (Future<Server> f : made) {
                assertThat(addresses.add(f.get().ipAddress())).isTrue();
            }
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void theAnswerToAnOrderIsTheServerAsStored() {
        Server answered = servers.create(alice, order("web-1"), null).server();

        assertThat(answered).isEqualTo(servers.get(alice, answered.id()));
    }

    @Test
    void theServersPlacedOnAHypervisorCarryTheirPoolsNetwork() {
        Server s = servers.create(alice, order("web-1"), null).server();
        lifecycle.placed(s.id(), "pve1", "101");

        ServerTarget placed = lifecycle.placedOn("pve-test").stream().filter(t -> t.serverId().equals(s.id()))
                .findFirst().orElseThrow();

        assertThat(placed.vmId()).isEqualTo("101");
        assertThat(placed.ipAddress()).isEqualTo(s.ipAddress());
        assertThat(placed.prefixLength()).isEqualTo(24);
        assertThat(placed.gateway()).isEqualTo("10.10.0.1");
        assertThat(placed).isEqualTo(lifecycle.target(s.id()));
    }
}
