package io.berth.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RenderedStatementTest {

    private static final Table<Record> NOTES = DSL.table(DSL.name("rendered_statement_notes"));
    private static final Field<Integer> ID = DSL.field(DSL.name("rendered_statement_notes", "id"), SQLDataType.INTEGER);
    private static final Field<String> TEXT = DSL.field(DSL.name("rendered_statement_notes", "text"), SQLDataType.VARCHAR);
    private static final Field<String> KIND = DSL.field(DSL.name("rendered_statement_notes", "kind"), SQLDataType.VARCHAR);

    private static DSLContext db;

    @BeforeAll
    static void table() {
        db = TestDatabase.dsl();
        db.execute("create table if not exists rendered_statement_notes (id int primary key, text varchar, kind varchar)");
    }

    @Test
    void runsWithTheBindValuesInTheOrderOfItsParameters() {
        RenderedStatement upsert = new RenderedStatement(db, db.insertInto(NOTES)
                .set(ID, DSL.param("id", SQLDataType.INTEGER))
                .set(TEXT, DSL.param("text", SQLDataType.VARCHAR))
                .set(KIND, DSL.inline("note"))
                .onConflict(ID).doUpdate()
                .set(TEXT, DSL.coalesce(DSL.excluded(TEXT), TEXT)));

        assertThat(upsert.params()).containsExactly("id", "text");
        assertThat(upsert.execute(db, 1, "first")).isEqualTo(1);
        assertThat(upsert.execute(db, 1, null)).isEqualTo(1); // a null keeps the text (coalesce)
        assertThat(upsert.execute(db, 2, "second")).isEqualTo(1);

        assertThat(db.select(ID, TEXT, KIND).from(NOTES).where(ID.in(1, 2)).orderBy(ID).fetch().map(Record::intoList))
                .containsExactly(java.util.List.of(1, "first", "note"), java.util.List.of(2, "second", "note"));
    }

    @Test
    void saysHowManyRowsItChanged() {
        RenderedStatement rename = new RenderedStatement(db, db.update(NOTES)
                .set(TEXT, DSL.param("text", SQLDataType.VARCHAR))
                .where(ID.eq(DSL.param("id", SQLDataType.INTEGER))));

        assertThat(rename.params()).containsExactly("text", "id");
        assertThat(rename.execute(db, "renamed", -1)).isZero();
    }

    @Test
    void refusesAValueThatIsNeitherANamedParameterNorInline() {
        assertThatThrownBy(() -> new RenderedStatement(db, db.update(NOTES).set(TEXT, "frozen")
                .where(ID.eq(DSL.param("id", SQLDataType.INTEGER)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a name");
    }

    @Test
    void refusesAParameterUsedTwice() {
        assertThatThrownBy(() -> new RenderedStatement(db, db.update(NOTES)
                .set(TEXT, DSL.param("text", SQLDataType.VARCHAR))
                .set(KIND, DSL.param("text", SQLDataType.VARCHAR))
                .where(ID.eq(DSL.param("id", SQLDataType.INTEGER)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("once");
    }

    @Test
    void refusesTheWrongNumberOfBindValues() {
        RenderedStatement delete = new RenderedStatement(db, db.deleteFrom(NOTES)
                .where(ID.eq(DSL.param("id", SQLDataType.INTEGER))));

        assertThatThrownBy(() -> delete.execute(db, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 1 bind values [id], got 2");
    }
}
