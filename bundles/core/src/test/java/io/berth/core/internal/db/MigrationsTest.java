package io.berth.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

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
}
