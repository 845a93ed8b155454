package io.berth.core.internal.db;

import java.sql.ResultSet;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.exception.TooManyRowsException;

/**
 * A query that runs very often (every look of every job), rendered to SQL once instead of on every
 * execution: jOOQ renders a query anew each time it runs, which for a join costs more CPU than the
 * database needs to answer it. The query is written with jOOQ as usual, with {@code DSL.param(…)} for
 * its bind values; its results are records of the same fields, so {@code r.get(TABLE.FIELD)} works as
 * with the original query. It runs as a JDBC prepared statement on the context's connection (see
 * {@link JdbcBinds}) and jOOQ reads the result set, without jOOQ's plain-SQL templating, which would
 * parse the SQL again on every execution. Thread-safe.
 */
public final class RenderedQuery {

    private final String sql;
    private final Field<?>[] fields;
    private final JdbcBinds binds;

    /** Renders {@code query} (placeholders {@code ?} in the order of its parameters). */
    public RenderedQuery(DSLContext db, ResultQuery<?> query) {
        this.sql = db.render(query);
        this.fields = query.fields();
        this.binds = new JdbcBinds(query.getParams().values());
        if (query.getBindValues().size() != binds.size()) {
            throw new IllegalArgumentException("each parameter must appear once in " + sql);
        }
    }

    /** Runs it with these bind values, in the order of the query's parameters. */
    public Result<Record> fetch(DSLContext db, Object... binds) {
        return this.binds.run(db, sql, binds, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return db.fetch(rows, fields);
            }
        });
    }

    /** The single record, or null; more than one is an error (as {@code fetchOne}). */
    public Record fetchOne(DSLContext db, Object... binds) {
        Result<Record> rows = fetch(db, binds);
        if (rows.size() > 1) {
            throw new TooManyRowsException("more than one row: " + sql);
        }
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The rendered SQL (for tests and logs). */
    public String sql() {
        return sql;
    }
}
