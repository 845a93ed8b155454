package io.berth.migrator.whmcs.internal;

import io.berth.api.billing.ImportException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The WHMCS database, read only: connections are read-only, in a read-only REPEATABLE READ transaction, with the
 * session's sql_mode emptied so that zero dates read as WHMCS wrote them.
 */
public final class SourceDatabase {

    private final MariaDbDataSource dataSource;
    private final String url;

    public SourceDatabase(String url, String user, String password) throws ImportException {
        if (url == null || !url.startsWith("jdbc:mariadb://")) {
            throw new ImportException("the WHMCS database URL must start with jdbc:mariadb:// (got "
                    + (url == null ? "nothing" : DatabaseErrors.where(url)) + ")");
        }
        this.url = url;
        try {
            this.dataSource = new MariaDbDataSource(url);
            if (user != null) {
                dataSource.setUser(user);
            }
            if (password != null) {
                dataSource.setPassword(password);
            }
        } catch (SQLException e) {
            throw new ImportException("invalid WHMCS database URL " + DatabaseErrors.where(url) + ": "
                    + e.getMessage());
        }
    }

    public Connection open() throws ImportException {
        try {
            Connection c = dataSource.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("set session sql_mode = ''");
                s.execute("set session transaction isolation level repeatable read");
            }
            c.setReadOnly(true);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw new ImportException(DatabaseErrors.describe(e, "WHMCS database", url));
        }
    }

    public String where() {
        return DatabaseErrors.where(url);
    }
}
