package io.berth.core.internal.db;

import static io.berth.core.internal.db.schema.Tables.USERS;

import java.util.UUID;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** How Berth talks to PostgreSQL through jOOQ. */
public final class Jooq {

    private Jooq() {
    }

    public static DSLContext create(DataSource ds) {
        return DSL.using(ds, SQLDialect.POSTGRES, settings());
    }

    private static Settings settings() {
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false)
                .withRenderSchema(false);
    }

    /**
     * Loads and initialises jOOQ's classes on a thread of their own while the database connects
     * and migrates, so the first query after that does not pay for it on the way to a healthy
     * start (the idea of Spring Boot's {@code BackgroundPreinitializer}). Renders a query, runs nothing.
     */
    public static void preload() {
        Thread t = new Thread(() -> {
            try {
                DSL.using(SQLDialect.POSTGRES, settings()).selectFrom(USERS).where(USERS.ID.eq(new UUID(0, 0)))
                        .forUpdate().getSQL();
            } catch (RuntimeException | LinkageError e) {
                // only a head start: the real first use reports any problem
            }
        }, "berth-jooq-preload");
        t.setDaemon(true);
        t.start();
    }
}
