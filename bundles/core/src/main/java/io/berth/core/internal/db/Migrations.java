package io.berth.core.internal.db;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with the SQL under {@code db/migration}. Flyway is embedded in this
 * bundle: it gets this bundle's class loader, so it finds its PostgreSQL plug-in and the SQL files.
 */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration";

    private final ClassLoader loader;

    public Migrations(ClassLoader loader) {
        this.loader = loader;
    }

    public MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(loader)
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
