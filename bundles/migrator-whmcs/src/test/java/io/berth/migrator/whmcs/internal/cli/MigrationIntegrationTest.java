package io.berth.migrator.whmcs.internal.cli;

import static io.berth.migrator.whmcs.internal.TestDatabases.connect;
import static io.berth.migrator.whmcs.internal.TestDatabases.one;
import static io.berth.migrator.whmcs.internal.TestDatabases.rowCounts;
import static io.berth.migrator.whmcs.internal.TestDatabases.rows;
import static io.berth.migrator.whmcs.internal.TestDatabases.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.billing.ImportSummary;
import io.berth.migrator.whmcs.internal.MappingFile;
import io.berth.migrator.whmcs.internal.Migration;
import io.berth.migrator.whmcs.internal.MigrationOptions;
import io.berth.migrator.whmcs.internal.SourceDatabase;
import io.berth.migrator.whmcs.internal.TestDatabases;
import io.berth.testbed.whmcs.Fixtures;
import io.berth.testbed.whmcs.WhmcsTestbed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path on real databases: MariaDB (the WHMCS testbed) → the CLI → PostgreSQL with Berth's schema. */
class MigrationIntegrationTest {

    record Result(int exit, String out, String err) {
    }

    private static WhmcsTestbed whmcs;
    private static long importable;
    private static long services;

    @BeforeAll
    static void seed() throws SQLException {
        whmcs = TestDatabases.whmcs();
        try (Connection c = TestDatabases.whmcsAdmin()) {
            importable = Long.parseLong(one(c, "select count(*) from tblhosting where domainstatus in "
                    + "('Active', 'Suspended')"));
            services = Long.parseLong(one(c, "select count(*) from tblhosting"));
        }
    }

    @Test
    void migratesUsersAndServersThenRerunChangesNothing(@TempDir Path dir) throws Exception {
        String target = TestDatabases.target();
        Path report = dir.resolve("report.jsonl");
        Result first = cli(target, "--report", report.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("clients").contains("services");

        try (Connection c = connect(target)) {
            // logins: the bcrypt hash is exactly WHMCS's and verifies with the old password
            String alice = one(c, "select password_hash from users where email = 'alice@example.com'");
            try (Connection w = TestDatabases.whmcsAdmin()) {
                assertThat(alice).isEqualTo(one(w, "select password from tblusers where id = 1"));
            }
            assertThat(OpenBSDBCrypt.checkPassword(alice, Fixtures.ALICE_PASSWORD.toCharArray())).isTrue();
            assertThat(one(c, "select password_reset_required from users where email = 'alice@example.com'"))
                    .isEqualTo("f");
            String zoe = one(c, "select password_hash from users where email = 'zoe@example.com'");
            assertThat(OpenBSDBCrypt.checkPassword(zoe, Fixtures.ZOE_PASSWORD.toCharArray())).isTrue();
            assertThat(one(c, "select name from users where email = 'zoe@example.com'"))
                    .isEqualTo("Zoë Ærøskøbing-Łukasiewicz");
            assertThat(one(c, "select password_hash || ' ' || password_reset_required from users "
                    + "where email = 'bob@example.com'")).matches("[0-9a-f]{32}:e93h2 true");
            // no WHMCS 8 login: the client's own (legacy) password and e-mail, lower-cased
            assertThat(one(c, "select password_reset_required from users where email = 'dave.oldtimer@example.com'"))
                    .isEqualTo("t");
            String eve = one(c, "select password_hash from users where email = 'eve@example.com'");
            assertThat(OpenBSDBCrypt.checkPassword(eve, Fixtures.EVE_PASSWORD.toCharArray())).isTrue();
            assertThat(one(c, "select disabled from users where email = 'carol@example.com'")).isEqualTo("t");
            // one login owning two clients is one Berth user owning both clients' servers
            assertThat(one(c, "select count(*) from users where email = 'frank@example.com'")).isEqualTo("1");
            assertThat(one(c, "select count(distinct m.target_id) from import_mappings m "
                    + "where m.entity = 'client' and m.source_id in ('7', '8')")).isEqualTo("1");
            assertThat(one(c, "select attributes from users where email = 'frank@example.com'")).isEqualTo("{}");

            // service 1: dropdown/radio/quantity/yes-no with pipes, image and location from custom fields
            assertThat(server(c, 1)).isEqualTo("alice@example.com | alice-web.example.net | running | null | 2 | 4096 "
                    + "| 80 | pve1 | 101 | 10.20.1.1 | Frankfurt | Ubuntu 24.04");
            assertThat(attributes(c, 1)).isEqualTo("{\"backups\":\"Yes\",\"bandwidth\":\"1000\",\"notes\":"
                    + "\"Ünïcödé notes\",\"snapshots\":\"0\"}");
            // service 2: quantity options × unit, suspended stays suspended and resumes to running
            assertThat(server(c, 2)).isEqualTo("alice@example.com | alice-db.example.net | suspended | running | 4 "
                    + "| 8192 | 1024 | pve2 | 102 | 10.20.1.2 | Zürich | null");
            assertThat(attributes(c, 2)).isEqualTo("{\"image\":\"debian-12\",\"ipv6\":\"2\",\"os\":\"linux\"}");
            // service 3: bare numbers and units without pipes; no VM id; unknown image kept as attribute
            assertThat(server(c, 3)).isEqualTo("alice@example.com | alice-legacy.example.net | running | null | 2 "
                    + "| 1024 | 40 | null | null | 10.20.1.3 | Amsterdam | null");
            // service 4: a product without options: the defaults (and the plan that matches them)
            assertThat(server(c, 4)).startsWith("bob@example.com | bob.example.net | running | null | 1 | 1024 | 20 ");
            assertThat(one(c, "select p.name from servers s join plans p on p.id = s.plan_id join import_mappings m "
                    + "on m.target_id = s.id where m.entity = 'service' and m.source_id = '4'")).isEqualTo("small");
            // service 10: row pointing at a deleted sub-option and a missing row: defaults; IPv6 not pooled
            assertThat(server(c, 10)).startsWith("dave.oldtimer@example.com | dave.example.net | running | null | 1 "
                    + "| 1024 | 30 | pve2 | 110 | 2001:db8::10 ");
            // service 12 has service 1's address: it keeps it as ip_address, but the pool allocation stays with 1
            assertThat(server(c, 12)).startsWith("frank@example.com | frank-shop.example.net | running | null | 4 "
                    + "| 8192 | 200 ");
            assertThat(rows(c, "select a.address, m.source_id from ip_allocations a join import_mappings m "
                    + "on m.target_id = a.server_id where a.address = '10.20.1.1'")).containsExactly("10.20.1.1 | 1");
            assertThat(one(c, "select name || ' ' || first_address || ' ' || last_address || ' ' || prefix_length "
                    + "from ip_pools where name like 'whmcs-10.20.1.%'"))
                    .isEqualTo("whmcs-10.20.1.0/24 169083137 169083390 24");
            // services 5-9 (Pending, Terminated, Cancelled, Fraud, Completed) are not imported; no jobs
            assertThat(one(c, "select count(*) from import_mappings where entity = 'service' "
                    + "and source_id in ('5','6','7','8','9')")).isEqualTo("0");
            assertThat(one(c, "select count(*) from servers")).isEqualTo(String.valueOf(importable));
            assertThat(one(c, "select count(*) from jobs")).isEqualTo("0");
            assertThat(one(c, "select count(*) from audit_log where action = 'billing.import'")).isEqualTo("1");
        }
        List<String> lines = Files.readAllLines(report);
        assertThat(lines).hasSize((int) (40 + services));
        assertThat(lines).anyMatch(l -> l.contains("\"source_id\":\"6\"") && l.contains("status Terminated"));
        assertThat(String.join("\n", lines)).doesNotContain("$2y$").doesNotContain(":e93h2");

        Map<String, List<String>> before = snapshot(target);
        Map<String, Long> countsBefore = rowCounts(target);
        Result second = cli(target);
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(line(second.out(), "clients")).matches("clients\\s+0\\s+0\\s+40\\s+0");
        assertThat(line(second.out(), "services"))
                .matches("services\\s+0\\s+0\\s+" + importable + "\\s+" + (services - importable));
        assertThat(snapshot(target)).isEqualTo(before);
        countsBefore.put("audit_log", countsBefore.get("audit_log") + 1);
        assertThat(rowCounts(target)).isEqualTo(countsBefore);
    }

    @Test
    void aChangedWhmcsRowUpdatesExactlyThatRecord() throws Exception {
        String target = TestDatabases.target();
        assertThat(cli(target).exit()).isZero();
        Map<String, List<String>> before = snapshot(target);
        try (Connection c = connect(target); Statement s = c.createStatement()) {
            // Berth rehashed Alice's password at her last login: a WHMCS profile change must not undo that
            s.executeUpdate("update users set password_hash = '$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA' "
                    + "where email = 'alice@example.com'");
        }
        try (Connection w = TestDatabases.whmcsAdmin(); Statement s = w.createStatement()) {
            s.executeUpdate("update tblhostingconfigoptions set optionid = 14 where relid = 1 and configid = 1");
            s.executeUpdate("update tblusers set last_name = 'Changed' where id = 1");
        }
        try {
            Result r = cli(target);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(line(r.out(), "clients")).matches("clients\\s+0\\s+1\\s+39\\s+0");
            assertThat(line(r.out(), "services"))
                    .matches("services\\s+0\\s+1\\s+" + (importable - 1) + "\\s+" + (services - importable));
            try (Connection c = connect(target)) {
                assertThat(server(c, 1)).contains("| 2 | 8192 | 80 |");
                assertThat(one(c, "select name || ' ' || password_hash from users where email = 'alice@example.com'"))
                        .isEqualTo("Alice Changed $argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA");
            }
            Map<String, List<String>> after = snapshot(target);
            assertThat(after.get("pools")).isEqualTo(before.get("pools"));
            assertThat(after.get("allocations")).isEqualTo(before.get("allocations"));
            assertThat(diff(before.get("servers"), after.get("servers"))).hasSize(1).allMatch(l -> l.startsWith("1 |"));
            assertThat(diff(before.get("users"), after.get("users"))).hasSize(1).allMatch(l -> l.startsWith("1 |"));
        } finally {
            TestDatabases.reseed();
        }
    }

    @Test
    void dryRunOnAnEmptyTargetWritesNothing() throws Exception {
        String target = TestDatabases.target();
        Map<String, Long> before = rowCounts(target);
        Result r = cli(target, "--dry-run");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("dry run: nothing written");
        assertThat(line(r.out(), "clients")).matches("clients\\s+40\\s+0\\s+0\\s+0");
        assertThat(line(r.out(), "services")).matches("services\\s+" + importable + "\\s+0\\s+0\\s+"
                + (services - importable));
        assertThat(line(r.out(), "ip_pools")).matches("ip_pools\\s+[1-9]\\d*\\s+0\\s+0\\s+0");
        assertThat(r.out()).contains("option 'bandwidth' -> attribute");
        assertThat(rowCounts(target)).isEqualTo(before);
        assertThat(before.get("users")).isZero();
    }

    @Test
    void aRunStoppedHalfwayAndRunAgainEndsLikeOneCleanRun() throws Exception {
        String clean = TestDatabases.target();
        assertThat(cli(clean).exit()).isZero();

        String killed = TestDatabases.target();
        SourceDatabase source = new SourceDatabase(whmcs.jdbcUrl(), whmcs.user(), whmcs.password());
        // batches of 7: clients take 6 batches, so the failure hits in the middle of the services
        Migration broken = new Migration(source, () -> connect(killed), MappingFile.builtIn(),
                new MigrationOptions(false, 7, 9), null, io.berth.api.billing.ImportProgress.none());
        assertThatThrownBy(broken::run).hasMessageContaining("injected failure after 9 batches");
        long partial = Long.parseLong(one(connect(killed), "select count(*) from servers"));
        assertThat(partial).isPositive().isLessThan(importable);

        // a thread interrupted during the run stops after the batch it is in, also cleanly
        Thread.currentThread().interrupt();
        Migration interrupted = new Migration(source, () -> connect(killed), MappingFile.builtIn(),
                new MigrationOptions(false, 7, 0), null, io.berth.api.billing.ImportProgress.none());
        try {
            assertThatThrownBy(interrupted::run).hasMessageContaining("interrupted");
        } finally {
            Thread.interrupted();
        }

        ImportSummary rest = new Migration(source, () -> connect(killed), MappingFile.builtIn(),
                new MigrationOptions(false, 7, 0), null, io.berth.api.billing.ImportProgress.none()).run();
        assertThat(rest.counts().get("services").created()).isPositive();
        Map<String, List<String>> a = snapshot(clean);
        Map<String, List<String>> b = snapshot(killed);
        for (String key : a.keySet()) {
            assertThat(b.get(key)).as(key).isEqualTo(a.get(key));
        }
        assertThat(rowCounts(killed)).isEqualTo(rowCounts(clean));
    }

    @Test
    void failuresAreOneLineWithoutSecrets() throws Exception {
        String target = TestDatabases.target();
        Result wrongPassword = cli(target, Map.of("WHMCS_DB_PASSWORD", "not-the-password"));
        assertThat(wrongPassword.exit()).isEqualTo(1);
        assertThat(wrongPassword.err().strip()).startsWith("berth-whmcs-migrate: wrong user name or password for the "
                + "WHMCS database at 127.0.0.1:").doesNotContain("\n").doesNotContain("not-the-password");

        Result unreachable = run("--source-url", "jdbc:mariadb://127.0.0.1:1/whmcs", "--source-user", "x",
                "--target-url", target, "--target-user", "postgres");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("berth-whmcs-migrate: cannot reach the WHMCS database at "
                + "127.0.0.1:1/whmcs").doesNotContain("\tat ");

        Result badUrl = run("--source-url", "mysql://somewhere/whmcs", "--source-user", "x", "--target-url", target,
                "--target-user", "postgres");
        assertThat(badUrl.exit()).isEqualTo(1);
        assertThat(badUrl.err()).contains("must start with jdbc:mariadb://");

        Result badTarget = run("--source-url", whmcs.jdbcUrl(), "--source-user", "x", "--target-url",
                target.replace("/berth_", "/nope_"), "--target-user", "postgres");
        assertThat(badTarget.exit()).isEqualTo(1);
        assertThat(badTarget.err()).contains("Berth database").doesNotContain("\tat ");

        Result usage = run("--source-url", whmcs.jdbcUrl());
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("--target-url is required");
        assertThat(run("--help").out()).contains("--dry-run");

        Result verbose = run("--source-url", "jdbc:mariadb://127.0.0.1:1/whmcs", "--source-user", "x",
                "--target-url", target, "--target-user", "postgres", "--verbose");
        assertThat(verbose.err()).contains("\tat ");
    }

    @Test
    void aDryRunOnAnUnmigratedDatabaseSaysSo() throws Exception {
        String empty = TestDatabases.emptyTarget();
        Result r = cli(empty, "--dry-run");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("migrations not applied").contains("--migrate-only");
        assertThat(run("--target-url", empty, "--target-user", "postgres", "--migrate-only").exit()).isZero();
        assertThat(cli(empty, "--dry-run").exit()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private static String server(Connection c, int serviceId) throws SQLException {
        return one(c, "select o.email, s.name, s.status, s.resume_status, s.cpu_cores, s.memory_mb, s.disk_gb, s.node, "
                + "s.vm_id, s.ip_address, s.location, i.name from import_mappings m join servers s on s.id = m.target_id "
                + "join users o on o.id = s.owner_id left join images i on i.id = s.image_id "
                + "where m.entity = 'service' and m.source_id = '" + serviceId + "'");
    }

    private static String attributes(Connection c, int serviceId) throws SQLException {
        return one(c, "select s.attributes from import_mappings m join servers s on s.id = m.target_id "
                + "where m.entity = 'service' and m.source_id = '" + serviceId + "'");
    }

    private static List<String> diff(List<String> before, List<String> after) {
        return after.stream().filter(l -> !before.contains(l)).toList();
    }

    private static String line(String out, String entity) {
        return out.lines().map(String::strip).filter(l -> l.startsWith(entity + " ")).findFirst().orElse("");
    }

    private static Result cli(String target, String... extra) {
        return cli(target, Map.of("WHMCS_DB_PASSWORD", whmcs.password()), extra);
    }

    private static Result cli(String target, Map<String, String> env, String... extra) {
        String[] base = {"--source-url", whmcs.jdbcUrl(), "--source-user", whmcs.user(), "--target-url", target,
            "--target-user", "postgres"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return run(env, args);
    }

    private static Result run(String... args) {
        return run(Map.of(), args);
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MigrateCli.run(args, env::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
