package io.berth.core.internal.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import org.jooq.DSLContext;

/** One real, migrated PostgreSQL for the tests of this module (started once per test JVM). */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dataSource = postgres.getPostgresDatabase();
            new Migrations(TestDatabase.class.getClassLoader()).migrate(dataSource);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return dataSource;
    }

    public static DSLContext dsl() {
        return Jooq.create(dataSource());
    }
}
