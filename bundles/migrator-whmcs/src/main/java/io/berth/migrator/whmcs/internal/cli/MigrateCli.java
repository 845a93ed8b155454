package io.berth.migrator.whmcs.internal.cli;

import io.berth.api.billing.ImportException;
import io.berth.api.billing.ImportSummary;
import io.berth.migrator.whmcs.internal.DatabaseErrors;
import io.berth.migrator.whmcs.internal.MappingFile;
import io.berth.migrator.whmcs.internal.MigrateFlags;
import io.berth.migrator.whmcs.internal.Migration;
import io.berth.migrator.whmcs.internal.MigrationOptions;
import io.berth.migrator.whmcs.internal.ProgressPrinter;
import io.berth.migrator.whmcs.internal.SourceDatabase;
import io.berth.migrator.whmcs.internal.SummaryText;
import java.io.IOException;
import java.io.PrintStream;

import java.sql.DriverManager;
import java.util.Properties;
import java.util.function.Function;

/**
 * The standalone WHMCS migrator: {@code java -jar berth-whmcs-migrate.jar --source-url … --target-url …}. Applies
 * Berth's migrations to the target (a fresh empty PostgreSQL is fine), then imports. Exit status 0 on success,
 * 1 when the import fails (one line naming the problem; the stack trace only with {@code --verbose}), 2 on bad
 * usage. Passwords are never printed.
 */
public final class MigrateCli {

    private MigrateCli() {
    }

    public static void main(String[] args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.exit(run(args, System::getenv, System.out, System.err));
    }

    public static int run(String[] args, Function<String, String> env, PrintStream out, PrintStream err) {
        MigrateFlags f;
        try {
            f = MigrateFlags.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("berth-whmcs-migrate: " + e.getMessage());
            err.println("run with --help for the flags");
            return 2;
        }
        if (f.help()) {
            out.print(MigrateFlags.USAGE);
            return 0;
        }
        String missing = missing(f);
        if (missing != null) {
            err.println("berth-whmcs-migrate: " + missing);
            err.println("run with --help for the flags");
            return 2;
        }
        try {
            if (!f.targetUrl().startsWith("jdbc:postgresql:")) {
                throw new ImportException("the Berth database URL must start with jdbc:postgresql:// (got "
                        + DatabaseErrors.where(f.targetUrl()) + ")");
            }
            if (f.dryRun()) {
                int pending = SchemaMigrator.pending(f.targetUrl(), f.targetUser(), f.targetPassword());
                if (pending > 0) {
                    throw new ImportException("Berth's database has " + pending + " migrations not applied and a dry "
                            + "run writes nothing: apply them first (--migrate-only)");
                }
            } else {
                int applied = SchemaMigrator.migrate(f.targetUrl(), f.targetUser(), f.targetPassword());
                if (applied > 0) {
                    err.println("applied " + applied + " Berth database migrations");
                }
                if (f.migrateOnly()) {
                    out.println("Berth's database is up to date");
                    return 0;
                }
            }
            MappingFile mapping = f.mapping() == null ? MappingFile.builtIn() : MappingFile.load(f.mapping());
            SourceDatabase source = new SourceDatabase(f.sourceUrl(), f.sourceUser(), f.sourcePassword());
            Properties props = new Properties();
            if (f.targetUser() != null) {
                props.setProperty("user", f.targetUser());
            }
            if (f.targetPassword() != null) {
                props.setProperty("password", f.targetPassword());
            }
            props.setProperty("reWriteBatchedInserts", "true");
            props.setProperty("ApplicationName", "berth-whmcs-migrate");
            Migration migration = new Migration(source, () -> DriverManager.getConnection(f.targetUrl(), props),
                    mapping, new MigrationOptions(f.dryRun(), f.batchSize(), 0), f.report(),
                    new ProgressPrinter(err, 2000));
            ImportSummary summary = migration.run();
            out.print(SummaryText.render(summary));
            if (f.report() != null) {
                out.println("report: " + f.report().toAbsolutePath());
            }
            return 0;
        } catch (ImportException | IOException e) {
            err.println("berth-whmcs-migrate: " + e.getMessage());
            if (f.verbose()) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (RuntimeException e) {
            err.println("berth-whmcs-migrate: unexpected error: " + e);
            if (f.verbose()) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static String missing(MigrateFlags f) {
        if (nz(f.targetUrl()).isEmpty()) {
            return "--target-url is required";
        }
        if (nz(f.targetUser()).isEmpty()) {
            return "--target-user is required";
        }
        if (!f.migrateOnly() && nz(f.sourceUrl()).isEmpty()) {
            return "--source-url is required";
        }
        if (!f.migrateOnly() && nz(f.sourceUser()).isEmpty()) {
            return "--source-user is required";
        }
        return null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

}
