package io.berth.migrator.whmcs.internal;

import java.net.URI;
import java.sql.SQLException;

/** One-line descriptions of connection failures that name the problem and never a password. */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** {@code host:port/database} of a JDBC URL, without user, password or other parameters. */
    public static String where(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "(no URL)";
        }
        try {
            URI uri = URI.create(jdbcUrl.substring(jdbcUrl.indexOf(':') + 1));
            String host = uri.getHost() == null ? "?" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getPath() == null ? "" : uri.getPath();
            return host + port + path;
        } catch (RuntimeException e) {
            return "(unreadable URL)";
        }
    }

    public static String describe(SQLException e, String what, String jdbcUrl) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String at = jdbcUrl == null ? what : what + " at " + where(jdbcUrl);
        String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (state.startsWith("28") || text.contains("access denied") || text.contains("password authentication failed")) {
            return "wrong user name or password for the " + at;
        }
        if (state.equals("3D000") || e.getErrorCode() == 1049 || text.contains("unknown database")
                || (text.contains("database") && text.contains("does not exist"))) {
            return "the database does not exist: " + at;
        }
        if (state.startsWith("08") || text.contains("connection refused") || text.contains("socket")
                || text.contains("unknownhost") || text.contains("could not connect")) {
            return "cannot reach the " + at + " (" + firstLine(e.getMessage()) + ")";
        }
        if (state.equals("42000") || state.startsWith("42")) {
            return "the " + at + " refused a query (" + firstLine(e.getMessage()) + ")";
        }
        return "error talking to the " + at + ": " + firstLine(e.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        String line = s.strip().split("\\R", 2)[0];
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
