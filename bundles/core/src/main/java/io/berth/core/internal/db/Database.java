package io.berth.core.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.net.URL;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the connection pool, runs the migrations, and only then registers the {@link DataSource}
 * and the jOOQ {@link DSLContext} (property {@value #DATASOURCE_PROPERTY}={@value #MAIN}) that every
 * other database user depends on, so dependants start only once the schema is current. While the
 * database cannot be reached it says so once, naming the configuration key, and keeps trying.
 */
@Component(configurationPid = DatabaseConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = DatabaseConfig.class)
public final class Database {

    public static final String DATASOURCE_PROPERTY = "berth.datasource";
    public static final String MAIN = "main";
    static final long RETRY_SECONDS = 5;
    static final long VALIDATE_AFTER_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final BundleContext context;
    private final DatabaseConfig config;
    private final DataSourceFactory driver;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-database-connect");
        t.setDaemon(true);
        return t;
    });
    private HikariDataSource pool;
    private ServiceRegistration<DataSource> registration;
    private ServiceRegistration<DSLContext> dslRegistration;
    private String lastProblem;

    @Activate
    public Database(BundleContext context, DatabaseConfig config,
            @Reference(target = "(osgi.jdbc.driver.class=org.postgresql.Driver)") DataSourceFactory driver)
            throws ConfigurationException {
        validate(config);
        this.context = context;
        this.config = config;
        this.driver = driver;
        Jooq.preload();
        connector.execute(this::connectLogged);
    }

    private void connectLogged() {
        try {
            connect();
        } catch (RuntimeException | Error e) {
            LOG.error("Berth database: cannot start the database services: {}", e.toString(), e);
        }
    }

    private synchronized void connect() {
        if (connector.isShutdown()) {
            return;
        }
        HikariDataSource opened;
        try {
            opened = open(config, driver);
        } catch (ConfigurationException e) {
            String problem = "Berth database: key '" + e.getProperty() + "' of " + DatabaseConfig.PID + " " + e.getReason();
            if (!problem.equals(lastProblem)) {
                LOG.error("{}; retrying every {} s", problem, RETRY_SECONDS);
                lastProblem = problem;
            }
            connector.schedule(this::connectLogged, RETRY_SECONDS, TimeUnit.SECONDS);
            return;
        }
        List<String> bundled = bundledVersions();
        boolean current = Migrations.current(opened, bundled);
        if (current) {
            LOG.info("database ready url={} schema_version={} (current; Flyway validates in the background)",
                    config.url(), bundled.get(bundled.size() - 1));
        } else {
            try {
                MigrateResult result = new Migrations(Database.class.getClassLoader()).migrate(opened);
                LOG.info("database ready url={} schema_version={} migrations_applied={}", config.url(),
                        result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
                        result.migrationsExecuted);
            } catch (RuntimeException e) {
                opened.close();
                LOG.error("Berth database: migration failed at {}: {}", config.url(), e.getMessage());
                return;
            }
        }
        pool = opened;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(DATASOURCE_PROPERTY, MAIN);
        // jOOQ first: its users are satisfied by the time the DataSource (what health checks) appears
        dslRegistration = context.registerService(DSLContext.class, Jooq.create(pool), props);
        registration = context.registerService(DataSource.class, pool, props);
        if (current) {
            // not now: a start is short of CPU, and nothing waits for this check
            connector.schedule(() -> validate(opened), VALIDATE_AFTER_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Flyway's check of a schema that looked current: an applied migration whose file changed since
     * is reported loudly; the services stay up (the schema has every migration), but the next
     * upgrade would refuse to run until it is sorted out.
     */
    private void validate(HikariDataSource opened) {
        try {
            new Migrations(Database.class.getClassLoader()).migrate(opened);
        } catch (RuntimeException e) {
            if (!connector.isShutdown()) {
                LOG.error("Berth database: the schema history at {} does not match the bundled migrations: {}",
                        config.url(), e.getMessage());
            }
        }
    }

    /** The versions of the migrations inside this bundle, oldest first. */
    private List<String> bundledVersions() {
        List<String> names = new ArrayList<>();
        Enumeration<URL> entries = context.getBundle().findEntries(Migrations.DIRECTORY, "V*.sql", false);
        while (entries != null && entries.hasMoreElements()) {
            String path = entries.nextElement().getPath();
            names.add(path.substring(path.lastIndexOf('/') + 1));
        }
        List<String> versions = new ArrayList<>(Migrations.versions(names));
        versions.sort(Comparator.comparing(MigrationVersion::fromVersion));
        return versions;
    }

    @Deactivate
    public synchronized void close() {
        connector.shutdownNow();
        if (dslRegistration != null) {
            unregister(dslRegistration);
            unregister(registration);
        }
        if (pool != null) {
            pool.close();
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // bundle stopping: the framework has unregistered it
        }
    }

    static void validate(DatabaseConfig config) throws ConfigurationException {
        String url = config.url();
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("url", "is missing; expected jdbc:postgresql://host:port/database");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException("url", "must start with jdbc:postgresql: but is '" + url + "'");
        }
        if (config.pool_size() < 1) {
            throw new ConfigurationException("pool.size", "must be at least 1 but is " + config.pool_size());
        }
    }

    private static HikariDataSource open(DatabaseConfig config, DataSourceFactory driver) throws ConfigurationException {
        Properties props = new Properties();
        props.put(DataSourceFactory.JDBC_URL, config.url());
        props.put(DataSourceFactory.JDBC_USER, config.user());
        props.put(DataSourceFactory.JDBC_PASSWORD, config._password());
        DataSource raw;
        try {
            raw = driver.createDataSource(props);
        } catch (SQLException e) {
            throw new ConfigurationException("url", "is not a valid PostgreSQL URL: " + e.getMessage(), e);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("berth");
        hikari.setDataSource(raw);
        hikari.setMaximumPoolSize(config.pool_size());
        hikari.setConnectionTimeout(config.connection_timeout_ms());
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new ConfigurationException("url", "(" + config.url() + ", user '" + config.user()
                    + "'): cannot connect: " + root.getMessage(), e);
        }
    }
}
