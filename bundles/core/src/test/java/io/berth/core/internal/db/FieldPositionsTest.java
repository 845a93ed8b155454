package io.berth.core.internal.db;

import static io.berth.core.internal.db.schema.Tables.JOBS;
import static io.berth.core.internal.db.schema.Tables.JOB_STEPS;
import static io.berth.core.internal.db.schema.Tables.SERVERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class FieldPositionsTest {

    @Test
    void readsEachTablesColumnOfTheSameNameFromItsOwnPlace() {
        Field<?>[] columns = Stream.concat(Arrays.stream(JOBS.fields()), Arrays.stream(JOB_STEPS.fields()))
                .toArray(Field<?>[]::new);
        Record row = DSL.using(SQLDialect.POSTGRES).newRecord(columns);
        row.set(JOBS.STATUS, "running");
        row.set(JOB_STEPS.STATUS, "done");
        row.set(JOB_STEPS.STEP_NO, 3);

        FieldPositions positions = new FieldPositions(JOBS.fields(), JOB_STEPS.fields());

        assertThat(positions.get(row, JOBS.STATUS)).isEqualTo("running");
        assertThat(positions.get(row, JOB_STEPS.STATUS)).isEqualTo("done");
        assertThat(positions.get(row, JOB_STEPS.STEP_NO)).isEqualTo(3);
        assertThat(positions.get(row, JOBS.LAST_ERROR)).isNull();
    }

    @Test
    void refusesAFieldOutsideTheSelectList() {
        FieldPositions positions = new FieldPositions(JOBS.fields());
        Record row = DSL.using(SQLDialect.POSTGRES).newRecord(JOBS.fields());

        assertThatThrownBy(() -> positions.get(row, SERVERS.STATUS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the select list");
    }
}
