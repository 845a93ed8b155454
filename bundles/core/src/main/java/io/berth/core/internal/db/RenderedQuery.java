package io.berth.core.internal.db;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;

/**
 * A query that runs very often (every look of every job), rendered to SQL once instead of on every
 * execution: jOOQ renders a query anew each time it runs, which for a join costs more CPU than the
 * database needs to answer it. The query is written with jOOQ as usual, with {@code DSL.param(…)} for
 * its bind values; its results are records of the same fields, so {@code r.get(TABLE.FIELD)} works as
 * with the original query. Thread-safe.
 */
public final class RenderedQuery {

    private final String sql;
    private final List<Field<?>> fields;

    /** Renders {@code query} (placeholders {@code ?} in the order of its parameters). */
    public RenderedQuery(DSLContext db, ResultQuery<?> query) {
        this.sql = db.render(query);
        this.fields = List.of(query.fields());
    }

    /** Runs it with these bind values, in the order of the query's parameters. */
    public Result<Record> fetch(DSLContext db, Object... binds) {
        return db.resultQuery(sql, binds).coerce(fields).fetch();
    }

    /** The single record, or null; more than one is an error (as {@code fetchOne}). */
    public Record fetchOne(DSLContext db, Object... binds) {
        return db.resultQuery(sql, binds).coerce(fields).fetchOne();
    }

    /** The rendered SQL (for tests and logs). */
    public String sql() {
        return sql;
    }
}
