package io.berth.migrator.whmcs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrateFlagsTest {

    @Test
    void readsFlagsAndPasswordsFromTheEnvironment() {
        MigrateFlags f = MigrateFlags.parse(new String[] {"--source-url", "jdbc:mariadb://db:3306/whmcs",
            "--source-user=reader", "--target-url", "jdbc:postgresql://pg/berth", "--target-user", "berth",
            "--dry-run", "--report", "out.jsonl", "--mapping=m.json", "--batch-size", "250"},
                Map.of("WHMCS_DB_PASSWORD", "s3cret", "BERTH_DB_PASSWORD", "t0p")::get);
        assertThat(f.sourceUrl()).isEqualTo("jdbc:mariadb://db:3306/whmcs");
        assertThat(f.sourceUser()).isEqualTo("reader");
        assertThat(f.sourcePassword()).isEqualTo("s3cret");
        assertThat(f.targetPassword()).isEqualTo("t0p");
        assertThat(f.dryRun()).isTrue();
        assertThat(f.report()).isEqualTo(Path.of("out.jsonl"));
        assertThat(f.mapping()).isEqualTo(Path.of("m.json"));
        assertThat(f.batchSize()).isEqualTo(250);
        assertThat(f.toString()).doesNotContain("s3cret").doesNotContain("t0p");
    }

    @Test
    void flagBeatsEnvironment() {
        MigrateFlags f = MigrateFlags.parse(new String[] {"--source-password", "flag"},
                Map.of("WHMCS_DB_PASSWORD", "env")::get);
        assertThat(f.sourcePassword()).isEqualTo("flag");
    }

    @Test
    void badFlagsAreNamed() {
        assertThatThrownBy(() -> MigrateFlags.parse(new String[] {"--sorce-url", "x"}, k -> null))
                .hasMessage("unknown flag --sorce-url");
        assertThatThrownBy(() -> MigrateFlags.parse(new String[] {"--report"}, k -> null))
                .hasMessage("--report needs a value");
        assertThatThrownBy(() -> MigrateFlags.parse(new String[] {"--batch-size", "0"}, k -> null))
                .hasMessage("--batch-size must be 1..10000");
    }
}
