package io.berth.migrator.whmcs.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The flags of the CLI and of the Gogo command {@code berth:whmcs-migrate}. Passwords may come from the
 * environment ({@code WHMCS_DB_PASSWORD}, {@code BERTH_DB_PASSWORD}) so that they stay out of shell history.
 */
public record MigrateFlags(String sourceUrl, String sourceUser, String sourcePassword, String targetUrl,
        String targetUser, String targetPassword, boolean dryRun, Path report, Path mapping, int batchSize,
        boolean verbose, boolean migrateOnly, boolean help) {

    public static final String SOURCE_PASSWORD_ENV = "WHMCS_DB_PASSWORD";
    public static final String TARGET_PASSWORD_ENV = "BERTH_DB_PASSWORD";

    public static final String USAGE = """
            usage: berth-whmcs-migrate --source-url jdbc:mariadb://HOST:3306/DB --source-user USER
                                       --target-url jdbc:postgresql://HOST:5432/DB --target-user USER
                                       [--dry-run] [--report FILE] [--mapping FILE] [--batch-size N]
                                       [--migrate-only] [--verbose]
              --source-url       the WHMCS database (MariaDB/MySQL), read only
              --source-user      its user (SELECT is enough)
              --source-password  its password; better: the WHMCS_DB_PASSWORD environment variable
              --target-url       Berth's PostgreSQL database (its migrations are applied first)
              --target-user      its user
              --target-password  its password; better: the BERTH_DB_PASSWORD environment variable
              --dry-run          do everything but write: print what would be created, updated, skipped
              --report FILE      write every record's outcome to FILE (JSON lines)
              --mapping FILE     JSON file overriding the option/field mapping (see README.md)
              --batch-size N     records per transaction (default 1000)
              --migrate-only     apply Berth's database migrations and stop
              --verbose          log more, and print stack traces on failure
            exit status: 0 done, 1 the import failed, 2 bad usage
            """;

    /**
     * Reads the flags ({@code --flag value} or {@code --flag=value}).
     *
     * @param env environment lookup (for the passwords)
     * @throws IllegalArgumentException with a message naming the bad flag
     */
    public static MigrateFlags parse(String[] args, Function<String, String> env) {
        Map<String, String> v = new java.util.HashMap<>();
        boolean dryRun = false;
        boolean verbose = false;
        boolean migrateOnly = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--dry-run" -> dryRun = true;
                case "--verbose", "-v" -> verbose = true;
                case "--migrate-only" -> migrateOnly = true;
                case "--help", "-h" -> help = true;
                case "--source-url", "--source-user", "--source-password", "--target-url", "--target-user",
                        "--target-password", "--report", "--mapping", "--batch-size" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    v.put(name, value);
                }
                default -> throw new IllegalArgumentException("unknown flag " + a);
            }
        }
        int batch = MigrationOptions.DEFAULT_BATCH;
        if (v.containsKey("--batch-size")) {
            try {
                batch = Integer.parseInt(v.get("--batch-size"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--batch-size must be a number");
            }
            if (batch < 1 || batch > 10_000) {
                throw new IllegalArgumentException("--batch-size must be 1..10000");
            }
        }
        String sourcePassword = v.getOrDefault("--source-password", env.apply(SOURCE_PASSWORD_ENV));
        String targetPassword = v.getOrDefault("--target-password", env.apply(TARGET_PASSWORD_ENV));
        return new MigrateFlags(v.get("--source-url"), v.get("--source-user"), sourcePassword, v.get("--target-url"),
                v.get("--target-user"), targetPassword, dryRun, path(v.get("--report")), path(v.get("--mapping")),
                batch, verbose, migrateOnly, help);
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    /** Everything but the passwords, for logs. */
    @Override
    public String toString() {
        return "MigrateFlags[source=" + DatabaseErrors.where(sourceUrl) + ", target="
                + (targetUrl == null ? "(runtime)" : DatabaseErrors.where(targetUrl)) + ", dryRun=" + dryRun
                + ", report=" + report + ", mapping=" + mapping + "]";
    }
}
