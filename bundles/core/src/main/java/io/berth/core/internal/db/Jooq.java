package io.berth.core.internal.db;

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
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false)
                .withRenderSchema(false);
        return DSL.using(ds, SQLDialect.POSTGRES, settings);
    }
}
