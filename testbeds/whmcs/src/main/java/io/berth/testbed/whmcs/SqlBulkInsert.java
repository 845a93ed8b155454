package io.berth.testbed.whmcs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Writes rows into one table as multi-row INSERT statements with literal values (the fastest portable way to
 * load MariaDB over JDBC). Values: {@code null}, numbers, strings (escaped), {@link Raw} SQL fragments.
 */
final class SqlBulkInsert implements AutoCloseable {

    /** An SQL expression written as is, e.g. {@code now()}. */
    record Raw(String sql) {
    }

    private static final int MAX_CHARS = 4 << 20;

    private final Statement statement;
    private final String head;
    private final int maxRows;
    private final StringBuilder sql = new StringBuilder(1 << 16);
    private int rows;
    private long total;

    SqlBulkInsert(Connection connection, String table, List<String> columns, int maxRows) throws SQLException {
        this.statement = connection.createStatement();
        this.head = "insert into " + table + " (" + String.join(", ", columns.stream().map(c -> "`" + c + "`").toList())
                + ") values ";
        this.maxRows = maxRows;
    }

    void row(Object... values) throws SQLException {
        sql.append(rows == 0 ? head : ",").append('(');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sql.append(',');
            }
            append(values[i]);
        }
        sql.append(')');
        rows++;
        total++;
        if (rows >= maxRows || sql.length() > MAX_CHARS) {
            flush();
        }
    }

    long total() {
        return total;
    }

    private void append(Object v) {
        if (v == null) {
            sql.append("null");
        } else if (v instanceof Number) {
            sql.append(v);
        } else if (v instanceof Raw raw) {
            sql.append(raw.sql());
        } else {
            quote(v.toString());
        }
    }

    private void quote(String s) {
        sql.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> sql.append("\\'");
                case '\\' -> sql.append("\\\\");
                case '\n' -> sql.append("\\n");
                case '\r' -> sql.append("\\r");
                case '\0' -> sql.append("\\0");
                case '\u001a' -> sql.append("\\Z");
                default -> sql.append(c);
            }
        }
        sql.append('\'');
    }

    void flush() throws SQLException {
        if (rows > 0) {
            statement.execute(sql.toString());
            sql.setLength(0);
            rows = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            statement.close();
        }
    }
}
