package io.berth.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void migrationsCreateTheSchemaTheGeneratedClassesDescribe() {
        DSLContext db = TestDatabase.dsl();
        for (org.jooq.Table<?> table : io.berth.core.internal.db.schema.DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            // every generated column exists in the migrated database: selecting them all must work
            assertThat(db.select(table.fields()).from(table).limit(0).fetch()).isEmpty();
        }
    }

    @Test
    void runningTheMigrationsAgainChangesNothing() {
        assertThat(new Migrations(getClass().getClassLoader()).migrate(TestDatabase.dataSource()).migrationsExecuted)
                .isZero();
    }

    @Test
    void versionsComeFromTheFileNames() {
        assertThat(Migrations.versions(List.of("V1__domain.sql", "V12__x.sql", "V2_1__y.sql", "R__view.sql", "notes.txt")))
                .containsExactly("1", "12", "2.1");
    }

    @Test
    void aSchemaHoldingEveryBundledMigrationIsCurrentAndOneMissingAnyIsNot() throws Exception {
        List<String> bundled = Migrations.versions(bundledFiles());
        assertThat(bundled).contains("1", "4");
        assertThat(Migrations.current(TestDatabase.dataSource(), bundled)).isTrue();
        assertThat(Migrations.current(TestDatabase.dataSource(), Stream.concat(bundled.stream(), Stream.of("99")).toList()))
                .as("a newer migration in the bundle").isFalse();
        assertThat(Migrations.current(TestDatabase.dataSource(), List.of())).isFalse();
    }

    private static List<String> bundledFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(MigrationsTest.class.getClassLoader().getResource(Migrations.DIRECTORY).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
