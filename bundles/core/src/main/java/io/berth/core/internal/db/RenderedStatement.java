package io.berth.core.internal.db;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;

/**
 * A write that runs very often (every step of every job), rendered to SQL once instead of on every
 * execution, as {@link RenderedQuery} does for reads. Rendering once also means the first executions
 * do not all load jOOQ's classes for it at the same moment: on Felix, threads defining the same class
 * wait for each other by spinning, which on a busy machine starves the one thread doing the work.
 *
 * <p>The statement is written with jOOQ as usual, with {@code DSL.param(name, type)} for each value
 * that changes and {@code DSL.inline(…)} for constants; a plain bind value would be frozen into the
 * rendered SQL's bind order without a name, so the constructor refuses one. It runs as a JDBC
 * prepared statement on the context's connection (see {@link JdbcBinds}), not through jOOQ's plain-SQL
 * templating, which would parse the SQL again on every execution. Thread-safe.
 */
public final class RenderedStatement {

    private final String sql;
    private final List<String> params;
    private final JdbcBinds binds;

    /** Renders {@code statement}; its bind values are taken in the order of {@link #params()}. */
    public RenderedStatement(DSLContext db, Query statement) {
        Map<String, Param<?>> named = statement.getParams();
        for (Map.Entry<String, Param<?>> p : named.entrySet()) {
            if (!p.getValue().isInline() && p.getValue().getParamName() == null) {
                throw new IllegalArgumentException("a bind value without a name (use DSL.param or DSL.inline): "
                        + p.getKey() + " in " + db.renderInlined(statement));
            }
        }
        this.sql = db.render(statement);
        this.params = named.values().stream().filter(p -> !p.isInline()).map(Param::getParamName).toList();
        if (statement.getBindValues().size() != params.size()) {
            throw new IllegalArgumentException("each parameter must appear once: " + params + " in " + sql);
        }
        this.binds = new JdbcBinds(named.values());
    }

    /** Runs it with these bind values, one per parameter in the order of {@link #params()}; the rows it changed. */
    public int execute(DSLContext db, Object... binds) {
        if (binds.length != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " bind values " + params + ", got "
                    + binds.length);
        }
        return this.binds.run(db, sql, binds, PreparedStatement::executeUpdate);
    }

    /** The parameters' names, in bind order. */
    public List<String> params() {
        return params;
    }

    /** The rendered SQL (for tests and logs). */
    public String sql() {
        return sql;
    }
}
