package io.berth.migrator.whmcs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.billing.ImportException;
import io.berth.api.billing.ImportRequest;
import io.berth.api.billing.ImportSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WhmcsMigrateCommandTest {

    @Test
    void passesTheFlagsToTheImporterAndPrintsTheSummary() {
        AtomicReference<ImportRequest> seen = new AtomicReference<>();
        WhmcsMigrateCommand command = new WhmcsMigrateCommand((request, progress) -> {
            seen.set(request);
            progress.progress("clients", 1, 1);
            return new ImportSummary(Map.of("clients", new ImportSummary.Counts(1, 0, 0, 0)), Map.of(),
                    List.of("option 'backups' -> attribute (1 records)"), true);
        });
        // Gogo calls _main with the function name first
        String out = command._main(new String[] {"whmcs-migrate", "--source-url", "jdbc:mariadb://db/whmcs",
            "--source-user", "reader", "--source-password", "pw", "--dry-run", "--report", "r.jsonl"});
        assertThat(seen.get().source()).containsEntry("url", "jdbc:mariadb://db/whmcs").containsEntry("user", "reader")
                .containsEntry(".password", "pw");
        assertThat(seen.get().dryRun()).isTrue();
        assertThat(seen.get().report()).isEqualTo(Path.of("r.jsonl"));
        assertThat(out).contains("dry run").contains("clients").contains("option 'backups'").doesNotContain("pw");
    }

    @Test
    void targetFlagsBelongToTheCliAndFailuresAreOneLine() {
        WhmcsMigrateCommand command = new WhmcsMigrateCommand((request, progress) -> {
            throw new ImportException("wrong user name or password for the WHMCS database at db:3306/whmcs");
        });
        assertThat(command._main(new String[] {"whmcs-migrate", "--target-url", "jdbc:postgresql://x/y"}))
                .contains("--target-* and --migrate-only belong to the standalone CLI");
        assertThat(command._main(new String[] {"--bogus"})).startsWith("whmcs-migrate: unknown flag --bogus");
        assertThat(command._main(new String[] {"--help"})).contains("berth:whmcs-migrate");
        assertThat(command._main(new String[] {"--source-url", "jdbc:mariadb://db:3306/whmcs"}))
                .isEqualTo("whmcs-migrate failed: wrong user name or password for the WHMCS database at db:3306/whmcs");
    }
}
