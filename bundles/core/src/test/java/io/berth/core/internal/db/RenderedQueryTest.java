package io.berth.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.TooManyRowsException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RenderedQueryTest {

    private static final Table<Record> PETS = DSL.table(DSL.name("rendered_query_pets"));
    private static final Field<UUID> ID = DSL.field(DSL.name("rendered_query_pets", "id"), SQLDataType.UUID);
    private static final Field<String> NAME = DSL.field(DSL.name("rendered_query_pets", "name"), SQLDataType.VARCHAR);
    private static final Field<Integer> LEGS = DSL.field(DSL.name("rendered_query_pets", "legs"), SQLDataType.INTEGER);
    private static final UUID CAT = UUID.randomUUID();
    private static final UUID DOG = UUID.randomUUID();
    private static final UUID SNAKE = UUID.randomUUID();

    private static DSLContext db;

    @BeforeAll
    static void table() {
        db = TestDatabase.dsl();
        db.execute("create table if not exists rendered_query_pets (id uuid primary key, name varchar, legs int)");
        db.insertInto(PETS).columns(ID, NAME, LEGS).values(CAT, "cat", 4).values(DOG, "dog", 4).values(SNAKE, null, 0)
                .execute();
    }

    @Test
    void answersRecordsOfTheQuerysFieldsForTheBindValues() {
        RenderedQuery byId = new RenderedQuery(db, db.select(ID, NAME, LEGS).from(PETS)
                .where(ID.eq(DSL.param("id", SQLDataType.UUID))));

        Record cat = byId.fetchOne(db, CAT);
        assertThat(cat.get(NAME)).isEqualTo("cat");
        assertThat(cat.get(LEGS)).isEqualTo(4);
        assertThat(cat.get(ID)).isEqualTo(CAT);
        assertThat(byId.fetchOne(db, SNAKE).get(NAME)).isNull();
        assertThat(byId.fetchOne(db, UUID.randomUUID())).isNull();
    }

    @Test
    void bindsSeveralParametersInTheirOrderAndANullAsSqlNull() {
        RenderedQuery named = new RenderedQuery(db, db.select(ID).from(PETS)
                .where(LEGS.eq(DSL.param("legs", SQLDataType.INTEGER)))
                .and(NAME.isNotDistinctFrom(DSL.param("name", SQLDataType.VARCHAR)))
                .orderBy(ID));

        assertThat(named.fetch(db, 4, "dog").getValues(ID)).containsExactly(DOG);
        assertThat(named.fetch(db, 0, null).getValues(ID)).containsExactly(SNAKE);
        assertThat(named.fetch(db, 3, "cat")).isEmpty();
    }

    @Test
    void refusesMoreThanOneRowForOne() {
        RenderedQuery fourLegs = new RenderedQuery(db, db.select(ID).from(PETS)
                .where(LEGS.eq(DSL.param("legs", SQLDataType.INTEGER))));

        assertThatThrownBy(() -> fourLegs.fetchOne(db, 4)).isInstanceOf(TooManyRowsException.class);
    }

    @Test
    void refusesABindValueOfAnotherType() {
        RenderedQuery byId = new RenderedQuery(db, db.select(NAME).from(PETS)
                .where(ID.eq(DSL.param("id", SQLDataType.UUID))));

        assertThatThrownBy(() -> byId.fetch(db, CAT.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String for a parameter of type java.util.UUID");
        assertThatThrownBy(() -> byId.fetch(db, CAT, CAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 1 bind values, got 2");
    }

    @Test
    void runsInTheCallersTransaction() {
        RenderedQuery byId = new RenderedQuery(db, db.select(NAME).from(PETS)
                .where(ID.eq(DSL.param("id", SQLDataType.UUID))));
        UUID hamster = UUID.randomUUID();

        db.transaction(cfg -> {
            cfg.dsl().insertInto(PETS).columns(ID, NAME, LEGS).values(hamster, "hamster", 4).execute();
            assertThat(byId.fetchOne(cfg.dsl(), hamster).get(NAME)).isEqualTo("hamster"); // sees its own insert
            assertThat(byId.fetchOne(db, hamster)).isNull(); // another connection does not, yet
        });
        assertThat(byId.fetchOne(db, hamster).get(NAME)).isEqualTo("hamster");
    }
}
