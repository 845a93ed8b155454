package io.berth.core.internal.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Param;

/**
 * The bind values of a rendered statement, set on a JDBC statement as jOOQ would: each converted to
 * its parameter's database type (a generated column's converter, if it has one), a null typed with
 * the parameter's SQL type.
 */
final class JdbcBinds {

    /** What is done with the prepared statement once its values are bound. */
    @FunctionalInterface
    interface Use<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    private final List<DataType<?>> types;

    /** The bind values of a rendered query part's parameters (its inline ones are in the SQL). */
    JdbcBinds(Collection<Param<?>> params) {
        this.types = params.stream().filter(p -> !p.isInline()).<DataType<?>>map(Param::getDataType).toList();
    }

    int size() {
        return types.size();
    }

    /** Prepares {@code sql} on the context's connection (a caller's transaction too), binds the values, uses it. */
    <T> T run(DSLContext db, String sql, Object[] values, Use<T> use) {
        return db.connectionResult(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                bind(statement, values);
                return use.apply(statement);
            }
        });
    }

    private void bind(PreparedStatement statement, Object[] values) throws SQLException {
        if (values.length != types.size()) {
            throw new IllegalArgumentException("expected " + types.size() + " bind values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            DataType<?> type = types.get(i);
            if (values[i] == null) {
                statement.setNull(i + 1, type.getSQLType());
            } else {
                statement.setObject(i + 1, database(type, values[i]));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object database(DataType<?> type, Object value) {
        Converter<Object, Object> converter = (Converter<Object, Object>) type.getConverter();
        if (!converter.toType().isInstance(value)) {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " for a parameter of type "
                    + converter.toType().getName());
        }
        return converter.to(value);
    }
}
