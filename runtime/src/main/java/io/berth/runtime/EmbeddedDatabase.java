package io.berth.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server for a Berth that has no database configured, with its data kept under
 * {@code data/postgres} so a restart keeps state. A server left running by a runtime that was
 * killed is stopped first.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "berth";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory.getParent());
        stopOrphan(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // the launcher stops it after the framework: its own shutdown hook would race the bundles
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                .start();
        EmbeddedDatabase db = new EmbeddedDatabase(postgres);
        db.createDatabase();
        return db;
    }

    public String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String user() {
        return "postgres";
    }

    private void createDatabase() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("embedded PostgreSQL: cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** A postmaster whose JVM was killed keeps running and holds the data directory: stop it. */
    static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan;
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (RuntimeException unreadable) {
            return;
        }
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        process.destroy();
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception slow) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
