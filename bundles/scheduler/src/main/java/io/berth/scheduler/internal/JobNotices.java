package io.berth.scheduler.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.common.BaseDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the job engine when a job is enqueued anywhere on the database: {@code LISTEN berth_jobs},
 * which a trigger on {@code scheduled_tasks} notifies when an enqueuing transaction commits
 * (migration V6). An order's job then starts milliseconds after the order, not at the engine's next
 * poll. Only a hint, like {@link Wakeups}: while the connection is down the engine's polling finds
 * every job as before, so a failure is logged once and the connection tried again every
 * {@link #RETRY}. The connection is its own (beside the pool, held while the engine runs) and is
 * checked with a query every {@link #CHECK_EVERY}, so one that died silently is noticed.
 */
final class JobNotices implements AutoCloseable {

    static final String CHANNEL = "berth_jobs";
    /** The listening connection's {@code application_name} in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "berth-job-notices";
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    static final Duration RETRY = Duration.ofSeconds(2);
    /** How long one wait for notifications lasts; also how long a close may wait for the thread. */
    private static final int WAIT_MILLIS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(JobNotices.class);

    private final DataSource dataSource;
    private final Runnable wake;
    private final Thread listener;
    private volatile boolean closed;

    /**
     * @param dataSource the engine's PostgreSQL data source (a pool around the driver's data source)
     * @param wake       what a notification runs: the engine's check for due executions
     */
    JobNotices(DataSource dataSource, Runnable wake) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.wake = Objects.requireNonNull(wake, "wake");
        this.listener = new Thread(this::listen, "berth-job-notices");
        this.listener.setDaemon(true);
    }

    void start() {
        listener.start();
    }

    private void listen() {
        boolean warned = false;
        while (!closed) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                c.setClientInfo("ApplicationName", APPLICATION_NAME);
                s.execute("listen " + CHANNEL);
                if (warned) {
                    LOG.info("job notifications received again");
                    warned = false;
                }
                wake.run(); // whatever was enqueued while nobody listened
                PGConnection pg = c.unwrap(PGConnection.class);
                long checked = System.nanoTime();
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(WAIT_MILLIS);
                    if (notes != null && notes.length > 0) {
                        wake.run();
                    }
                    if (System.nanoTime() - checked > CHECK_EVERY.toNanos()) {
                        s.execute("select 1");
                        checked = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!warned) {
                    LOG.warn("job notifications unavailable, new jobs start at the engine's next poll: {}", e.toString());
                    warned = true;
                }
                pause();
            }
        }
    }

    /** A connection of its own: the driver's data source behind the pool. */
    private Connection connect() throws SQLException {
        if (dataSource.isWrapperFor(BaseDataSource.class)) {
            return dataSource.unwrap(BaseDataSource.class).getConnection();
        }
        throw new SQLException("not a PostgreSQL data source: " + dataSource.getClass().getName());
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.interrupt();
        try {
            listener.join(WAIT_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
