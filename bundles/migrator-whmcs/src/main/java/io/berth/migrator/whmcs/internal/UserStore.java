package io.berth.migrator.whmcs.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes imported users in JDBC batches. An update sets only the column groups whose WHMCS data changed (profile,
 * status, credential), so a password Berth rehashed at login is not put back.
 */
public final class UserStore implements AutoCloseable {

    private final Connection connection;
    private final boolean dryRun;
    private final ColumnBatch insert;
    private final PreparedStatement update;
    private int updates;

    public UserStore(Connection connection, boolean dryRun) throws SQLException {
        this.connection = connection;
        this.dryRun = dryRun;
        this.insert = new ColumnBatch(connection, "insert into users (id, email, name, password_hash, "
                + "password_reset_required, disabled, attributes, created_at, updated_at) "
                + "select id, email, name, hash, reset, disabled, attributes, coalesce(created, now()), now() "
                + "from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bool[], ?::bool[], ?::text[], "
                + "?::date[]) as r(id, email, name, hash, reset, disabled, attributes, created)",
                "uuid", "varchar", "varchar", "varchar", "bool", "bool", "text", "date");
        this.update = connection.prepareStatement("update users set "
                + "email = case when ? then ? else email end, "
                + "name = case when ? then ? else name end, "
                + "attributes = case when ? then ? else attributes end, "
                + "created_at = case when ? then coalesce(?, created_at) else created_at end, "
                + "disabled = case when ? then ? else disabled end, "
                + "password_hash = case when ? then ? else password_hash end, "
                + "password_reset_required = case when ? then ? else password_reset_required end, "
                + "updated_at = now() where id = ?");
    }

    /** Which of these e-mail addresses Berth users have, and whose. */
    public Map<String, UUID> owners(List<String> emails) throws SQLException {
        Map<String, UUID> out = new HashMap<>();
        if (emails.isEmpty()) {
            return out;
        }
        Array a = connection.createArrayOf("varchar", emails.toArray());
        try (PreparedStatement ps = connection.prepareStatement("select email, id from users where email = any(?)")) {
            ps.setArray(1, a);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
        } finally {
            a.free();
        }
        return out;
    }

    public void insert(UUID id, UserRecord u) throws SQLException {
        if (dryRun) {
            return;
        }
        insert.add(id, u.email(), u.name(), u.password().hash(), u.password().resetRequired(), u.disabled(),
                u.attributes(), u.createdAt() == null ? null : Date.valueOf(u.createdAt()));
    }

    public void update(UUID id, UserRecord u, boolean profile, boolean status, boolean credential)
            throws SQLException {
        if (dryRun) {
            return;
        }
        int i = 1;
        update.setBoolean(i++, profile);
        update.setString(i++, u.email());
        update.setBoolean(i++, profile);
        update.setString(i++, u.name());
        update.setBoolean(i++, profile);
        update.setString(i++, u.attributes());
        update.setBoolean(i++, profile);
        update.setObject(i++, u.createdAt() == null ? null : Date.valueOf(u.createdAt()), java.sql.Types.DATE);
        update.setBoolean(i++, status);
        update.setBoolean(i++, u.disabled());
        update.setBoolean(i++, credential);
        update.setString(i++, u.password().hash());
        update.setBoolean(i++, credential);
        update.setBoolean(i++, u.password().resetRequired());
        update.setObject(i, id);
        update.addBatch();
        updates++;
    }

    public void flush() throws SQLException {
        insert.flush();
        if (updates > 0) {
            update.executeBatch();
            updates = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        update.close();
    }
}
