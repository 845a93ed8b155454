package io.berth.scheduler.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A data source that can be cut off like a node losing power: after {@link #kill()} nothing reaches
 * the database any more (no heartbeats, no step records, no completions). Statements already sent
 * still complete, as they would have on the server before the crash.
 */
final class KillableDataSource implements DataSource {

    private final DataSource delegate;
    private volatile boolean killed;

    KillableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    void kill() {
        killed = true;
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        check();
        return delegate.getConnection(username, password);
    }

    private void check() throws SQLException {
        if (killed) {
            throw new SQLException("node killed", "08006");
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
