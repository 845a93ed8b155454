package io.berth.migrator.whmcs.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects rows column by column and writes them with one statement per batch that reads PostgreSQL arrays,
 * e.g. {@code insert into t (a, b) select a, b from unnest(?::uuid[], ?::varchar[]) as r(a, b)}: one parse and
 * one round trip for a thousand rows, whatever the driver's batch settings (the DataSource in the runtime is
 * not ours to configure).
 */
final class ColumnBatch implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement statement;
    private final String[] types;
    private final List<List<Object>> columns = new ArrayList<>();

    /**
     * @param sql the statement, with one {@code ?} per column in order
     * @param types the PostgreSQL element type of each column ({@code uuid}, {@code varchar}, {@code int4},
     *        {@code int8}, {@code bool}, {@code date})
     */
    ColumnBatch(Connection connection, String sql, String... types) throws SQLException {
        this.connection = connection;
        this.statement = connection.prepareStatement(sql);
        this.types = types;
        for (int i = 0; i < types.length; i++) {
            columns.add(new ArrayList<>());
        }
    }

    void add(Object... values) {
        if (values.length != types.length) {
            throw new IllegalArgumentException(types.length + " values expected");
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i]);
        }
    }

    int size() {
        return columns.get(0).size();
    }

    void flush() throws SQLException {
        if (size() == 0) {
            return;
        }
        List<Array> arrays = new ArrayList<>(types.length);
        try {
            for (int i = 0; i < types.length; i++) {
                Array a = connection.createArrayOf(types[i], columns.get(i).toArray());
                arrays.add(a);
                statement.setArray(i + 1, a);
            }
            statement.executeUpdate();
        } finally {
            for (Array a : arrays) {
                a.free();
            }
            columns.forEach(List::clear);
        }
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
