package io.berth.core.internal.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with the SQL under {@code db/migration}. Flyway is embedded in this
 * bundle: it gets this bundle's class loader, so it finds its PostgreSQL plug-in and the SQL files.
 */
public final class Migrations {

    /** Where the SQL files lie inside the bundle. */
    public static final String DIRECTORY = "db/migration";
    public static final String LOCATION = "classpath:" + DIRECTORY;

    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");

    private final ClassLoader loader;

    public Migrations(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Whether the schema history holds every one of these migration versions, applied
     * successfully, and no failed one: then there is nothing to migrate, and Flyway (most of a
     * second to set up and validate) can run after the database services are up. False when in
     * doubt: no history yet, a failed row, a version missing, the query failing.
     */
    public static boolean current(DataSource dataSource, List<String> versions) {
        if (versions.isEmpty()) {
            return false;
        }
        Set<String> applied = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select version, success from flyway_schema_history where version is not null")) {
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                applied.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return false;
        }
        return applied.containsAll(versions);
    }

    /** The version of each migration file name ({@code V4__signing_keys.sql} → {@code 4}). */
    public static List<String> versions(List<String> fileNames) {
        List<String> versions = new ArrayList<>();
        for (String name : fileNames) {
            Matcher m = VERSIONED.matcher(name);
            if (m.matches()) {
                versions.add(m.group(1).replace('_', '.'));
            }
        }
        return versions;
    }

    public MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(loader)
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
