package io.berth.migrator.whmcs.internal;

import io.berth.testbed.whmcs.SeedOptions;
import io.berth.testbed.whmcs.SeedSummary;
import io.berth.testbed.whmcs.WhmcsTestbed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The migration benchmark (bench/migration/run.sh): seeds the WHMCS testbed, starts an embedded PostgreSQL and
 * runs the standalone CLI jar as a separate process: full import into an empty database, idempotent re-run,
 * dry run on the imported database and dry run on an empty migrated one, checking that dry runs write nothing.
 * Flags: {@code --clients N --services N --jar PATH --out FILE}.
 */
public final class MigrationBench {

    private MigrationBench() {
    }

    public static void main(String[] args) throws Exception {
        int clients = 100_000;
        int services = 250_000;
        Path jar = Path.of("bundles/migrator-whmcs/target/berth-whmcs-migrate.jar");
        Path out = null;
        boolean serve = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--services" -> services = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--serve" -> serve = true;
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"));
        try (WhmcsTestbed whmcs = WhmcsTestbed.start(); EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            SeedSummary seed = whmcs.seed(SeedOptions.bench().withClients(clients).withServices(services));
            lines.add(String.format("seed: %d clients, %d services, %d option rows, %d custom field values in %.1f s",
                    seed.rows().get("tblclients"), seed.rows().get("tblhosting"),
                    seed.rows().get("tblhostingconfigoptions"), seed.rows().get("tblcustomfieldsvalues"),
                    seed.millis() / 1000.0));
            String main = create(pg, "berth_bench");
            if (serve) {
                // keep both databases up for manual runs until standard input ends
                System.out.println("WHMCS " + whmcs.jdbcUrl() + " " + whmcs.user() + " " + whmcs.password());
                System.out.println("BERTH " + main);
                System.out.println("READY");
                while (System.in.read() >= 0) {
                    Thread.onSpinWait();
                }
                return;
            }
            String empty = create(pg, "berth_empty");
            Run full = cli(jar, whmcs, main, "--report", Files.createTempFile("whmcs-report", ".jsonl").toString());
            lines.add(full.line("full import (empty target, migrations applied first)"));
            lines.add("  " + summaryLine(full.out, "clients") + " | " + summaryLine(full.out, "services"));
            Run again = cli(jar, whmcs, main);
            lines.add(again.line("idempotent re-run"));
            lines.add("  " + summaryLine(again.out, "clients") + " | " + summaryLine(again.out, "services"));
            Map<String, Long> before = TestDatabases.rowCounts(main);
            Run dry = cli(jar, whmcs, main, "--dry-run");
            Map<String, Long> after = TestDatabases.rowCounts(main);
            lines.add(dry.line("dry run on the imported target") + ", rows written: "
                    + (before.equals(after) ? 0 : "CHANGED " + before + " -> " + after));
            Run migrate = cli(jar, whmcs, empty, "--migrate-only");
            Map<String, Long> emptyBefore = TestDatabases.rowCounts(empty);
            Run dryEmpty = cli(jar, whmcs, empty, "--dry-run");
            Map<String, Long> emptyAfter = TestDatabases.rowCounts(empty);
            long written = emptyAfter.values().stream().mapToLong(Long::longValue).sum()
                    - emptyBefore.values().stream().mapToLong(Long::longValue).sum();
            lines.add(dryEmpty.line("dry run on an empty target") + ", rows written: " + written
                    + " (migrate-only took " + migrate.seconds() + " s)");
            lines.add("  " + summaryLine(dryEmpty.out, "clients") + " | " + summaryLine(dryEmpty.out, "services"));
            lines.add("target rows after import: " + after);
        }
        String text = String.join("\n", lines) + "\n";
        System.out.print(text);
        if (out != null) {
            Files.writeString(out, text);
        }
    }

    record Run(int exit, double seconds, String out, String err, String load) {
        String line(String what) {
            return String.format("%-52s %6.1f s (exit %d, load before: %s)", what, seconds, exit, load)
                    + (exit == 0 ? "" : " " + err);
        }
    }

    /** The 1-minute load average: the machine is shared, so figures are only comparable with it. */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static Run cli(Path jar, WhmcsTestbed whmcs, String target, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx2g", "-jar", jar.toString(), "--source-url",
                whmcs.jdbcUrl(), "--source-user", whmcs.user(), "--target-url", target, "--target-user", "postgres"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("WHMCS_DB_PASSWORD", whmcs.password());
        File stdout = File.createTempFile("bench", ".out");
        File stderr = File.createTempFile("bench", ".err");
        pb.redirectOutput(stdout).redirectError(stderr);
        String load = load();
        long start = System.nanoTime();
        int exit = pb.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        String err = Files.readString(stderr.toPath(), StandardCharsets.UTF_8);
        System.err.print(err);
        return new Run(exit, Math.round(seconds * 10) / 10.0, Files.readString(stdout.toPath(), StandardCharsets.UTF_8),
                err.strip().lines().reduce((a, b) -> b).orElse(""), load);
    }

    private static String summaryLine(String out, String entity) {
        return out.lines().map(String::strip).filter(l -> l.startsWith(entity + " ")).findFirst()
                .map(l -> l.replaceAll("\\s+", " ")).orElse(entity + " ?") + " (created updated unchanged skipped)";
    }

    private static String create(EmbeddedPostgres pg, String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    private static String javaBin() throws IOException {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
