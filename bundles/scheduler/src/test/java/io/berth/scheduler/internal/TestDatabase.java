package io.berth.scheduler.internal;

import io.berth.core.internal.db.Migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** One embedded PostgreSQL for the test JVM; each caller gets a fresh, migrated database in it. */
final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestDatabase() {
    }

    static synchronized String fresh() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                EmbeddedPostgres pg = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // exiting anyway
                    }
                }));
            }
            String name = "berth_" + SEQ.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("create database " + name);
            }
            String url = postgres.getJdbcUrl("postgres", name);
            try (HikariDataSource ds = pool(url, 2)) {
                new Migrations(TestDatabase.class.getClassLoader()).migrate(ds);
            }
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static HikariDataSource pool(String url, int size) {
        // around the driver's data source, as the runtime's pool is (JobNotices opens its own connection from it)
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setUrl(url);
        driver.setUser("postgres");
        HikariConfig config = new HikariConfig();
        config.setDataSource(driver);
        config.setMaximumPoolSize(size);
        config.setPoolName("test-" + SEQ.incrementAndGet());
        return new HikariDataSource(config);
    }
}
