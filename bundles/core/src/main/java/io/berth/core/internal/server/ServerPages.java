package io.berth.core.internal.server;

import io.berth.api.domain.Page;
import io.berth.api.server.Server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.common.BaseDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first page of each owner's server list, kept in memory: what the dashboard polls. An owner's
 * pages are dropped when one of their servers changes, which every runtime on the database learns
 * from PostgreSQL ({@code LISTEN berth_servers}, sent by triggers on {@code servers} and
 * {@code images} when a transaction commits, milliseconds later). Orders and actions made through
 * this runtime also report at once through {@link #changed(UUID)}, so a caller sees their own order
 * or action in their very next list; a job's progress shows once its notification arrives.
 *
 * <p>A page is only ever kept while the notifications are being received: while the listening
 * connection is down, every list reads the database, and everything kept is dropped when it is back.
 * The connection is checked with a query every {@link #CHECK_EVERY}, so one that died without a
 * word (a server or network gone without a reset) is noticed too.
 * A page read while a change was committing is never kept past that change's notification: a load
 * fills the owner's slot it took before reading, and a notification removes that slot from the map.
 */
@Component(service = ServerPages.class)
public final class ServerPages {

    static final String CHANNEL = "berth_servers";
    static final String EVERYBODY = "*";
    /** Owners whose pages are kept at most (a page of 25 servers is some 10 KB on the heap). */
    static final int MAX_OWNERS = 2_000;
    static final Duration IDLE = Duration.ofMinutes(10);
    /** How long a wait for notifications lasts; also how long a stop may wait for the listener. */
    static final int POLL_MILLIS = 250;
    static final long RETRY_MILLIS = 2_000;
    /** How often the listening connection is checked, and how long the check may take. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    /** The listening connection's {@code application_name} in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "berth-server-pages";

    private static final Logger LOG = LoggerFactory.getLogger(ServerPages.class);

    /** One owner's kept pages by page size; dropped from {@link #owners} as a whole. */
    private static final class Slot {
        final Map<Integer, Page<Server>> pages = new ConcurrentHashMap<>(2);
    }

    private final DataSource dataSource;
    private final Duration checkEvery;
    private final Cache<UUID, Slot> owners;
    private final Thread listener;
    private volatile boolean listening;
    private volatile boolean closed;

    @Activate
    public ServerPages(@Reference(target = "(berth.datasource=main)") DataSource dataSource) {
        this(dataSource, CHECK_EVERY);
    }

    ServerPages(DataSource dataSource, Duration checkEvery) {
        this.dataSource = dataSource;
        this.checkEvery = checkEvery;
        this.owners = Caffeine.newBuilder().maximumSize(MAX_OWNERS).expireAfterAccess(IDLE).build();
        this.listener = new Thread(this::listen, "berth-server-pages");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * The owner's first page of {@code limit} servers, from memory when it is kept, otherwise from
     * {@code load}, kept while no change of the owner's servers arrives.
     */
    public Page<Server> firstPage(UUID owner, int limit, Supplier<Page<Server>> load) {
        if (!listening) {
            return load.get();
        }
        Slot slot = owners.get(owner, o -> new Slot());
        Page<Server> kept = slot.pages.get(limit);
        if (kept != null) {
            return kept;
        }
        Page<Server> loaded = load.get();
        Page<Server> raced = slot.pages.putIfAbsent(limit, loaded);
        return raced == null ? loaded : raced;
    }

    /** A server of {@code owner} changed on this runtime: its next list reads the database. */
    public void changed(UUID owner) {
        owners.invalidate(owner);
    }

    /** Whether pages are being kept (the change notifications are received). */
    boolean listening() {
        return listening;
    }

    private void listen() {
        boolean warned = false;
        while (!closed) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                c.setClientInfo("ApplicationName", APPLICATION_NAME);
                c.setNetworkTimeout(Runnable::run, (int) Math.max(checkEvery.toMillis(), 1_000));
                s.execute("listen " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                long checked = System.nanoTime();
                owners.invalidateAll();
                listening = true;
                if (warned) {
                    LOG.info("server list notifications received again; lists are kept in memory");
                    warned = false;
                }
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            apply(note.getParameter());
                        }
                    }
                    if (System.nanoTime() - checked > checkEvery.toNanos()) {
                        // waiting for notifications would not notice a connection that died silently
                        // (a server or network gone without a reset); a query does, within the timeout
                        s.execute("select 1");
                        checked = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                stopKeeping();
                if (closed) {
                    return;
                }
                if (!warned) {
                    LOG.warn("server list notifications unavailable, lists read the database until they are back: {}",
                            e.toString());
                    warned = true;
                }
                pause();
            } finally {
                stopKeeping();
            }
        }
    }

    /**
     * A connection of its own, beside the pool (it is held for as long as the runtime runs, and a
     * pool may be as small as one connection): the driver's data source behind the pool.
     */
    private Connection connect() throws SQLException {
        if (dataSource.isWrapperFor(BaseDataSource.class)) {
            return dataSource.unwrap(BaseDataSource.class).getConnection();
        }
        throw new SQLException("not a PostgreSQL data source: " + dataSource.getClass().getName());
    }

    void apply(String payload) {
        if (payload == null || EVERYBODY.equals(payload)) {
            owners.invalidateAll();
            return;
        }
        try {
            owners.invalidate(UUID.fromString(payload));
        } catch (IllegalArgumentException e) {
            owners.invalidateAll();
        }
    }

    private void stopKeeping() {
        listening = false;
        owners.invalidateAll();
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Deactivate
    void close() {
        closed = true;
        stopKeeping();
        try {
            // the listener notices within one wait (or its pause is interrupted) and closes its
            // connection on its own thread
            listener.interrupt();
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
