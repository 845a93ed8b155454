package io.berth.migrator.whmcs.internal.cli;

import io.berth.api.billing.ImportException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies Berth's Flyway migrations (the SQL files of bundles/core, copied into the CLI jar at build time under
 * {@value #LOCATION}) to the target database. Only the standalone CLI uses this class; inside OSGi core migrates,
 * and the bundle imports Flyway optionally and never loads this class.
 */
final class SchemaMigrator {

    static final String LOCATION = "classpath:berth/db/migration";

    private SchemaMigrator() {
    }

    /** Migrates and returns how many migrations were applied. */
    static int migrate(String url, String user, String password) throws ImportException {
        return run(url, user, password, false);
    }

    /** How many migrations are not applied yet (nothing is written). */
    static int pending(String url, String user, String password) throws ImportException {
        return run(url, user, password, true);
    }

    private static int run(String url, String user, String password, boolean infoOnly) throws ImportException {
        try {
            Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                    .dataSource(url, user, password)
                    .locations(LOCATION)
                    .load();
            if (infoOnly) {
                return flyway.info().pending().length;
            }
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            java.sql.SQLException sql = null;
            for (Throwable t = e; t != null && sql == null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof java.sql.SQLException found) {
                    sql = found;
                }
            }
            String detail = sql != null
                    ? io.berth.migrator.whmcs.internal.DatabaseErrors.describe(sql, "Berth database", url)
                    : firstLine(e.getMessage());
            throw new ImportException("cannot apply Berth's database migrations: " + detail, e);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "no detail" : s.strip().split("\\R", 2)[0];
    }
}
