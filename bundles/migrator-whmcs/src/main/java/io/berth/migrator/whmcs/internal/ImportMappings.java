package io.berth.migrator.whmcs.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Berth's {@code import_mappings} rows for WHMCS ({@code source = 'whmcs'}): which Berth row a WHMCS record
 * became, with the fingerprint of what was written. Written in the same transaction as the rows they map.
 */
public final class ImportMappings implements AutoCloseable {

    public static final String SOURCE = "whmcs";

    /** A stored mapping; {@code targetStatus} is the status of the mapped row ({@code null}: the row is gone). */
    public record Existing(UUID targetId, String fingerprint, String targetStatus) {
        public boolean present() {
            return targetStatus != null;
        }
    }

    private final Connection connection;
    private final boolean dryRun;
    private final ColumnBatch upsert;

    public ImportMappings(Connection connection, boolean dryRun) throws SQLException {
        this.connection = connection;
        this.dryRun = dryRun;
        this.upsert = new ColumnBatch(connection, "insert into import_mappings "
                + "(source, entity, source_id, target_id, fingerprint) "
                + "select '" + SOURCE + "', r.entity, r.source_id, r.target_id, r.fingerprint "
                + "from unnest(?::varchar[], ?::varchar[], ?::uuid[], ?::varchar[]) "
                + "as r(entity, source_id, target_id, fingerprint) "
                + "on conflict (source, entity, source_id) do update set target_id = excluded.target_id, "
                + "fingerprint = excluded.fingerprint, updated_at = now()", "varchar", "varchar", "uuid", "varchar");
    }

    /**
     * The mappings of these source ids; {@code targetTable} is joined to tell whether the mapped row still
     * exists and its status ({@code users}: 'disabled'/'enabled', {@code servers}: its status).
     */
    public Map<String, Existing> find(String entity, List<String> sourceIds, String targetTable) throws SQLException {
        String status = "servers".equals(targetTable) ? "t.status"
                : "case when t.disabled then 'disabled' else 'enabled' end";
        Map<String, Existing> out = new HashMap<>();
        Array ids = connection.createArrayOf("varchar", sourceIds.toArray());
        try (PreparedStatement ps = connection.prepareStatement("select m.source_id, m.target_id, m.fingerprint, "
                + status + " from import_mappings m left join " + targetTable + " t on t.id = m.target_id "
                + "where m.source = ? and m.entity = ? and m.source_id = any(?)")) {
            ps.setString(1, SOURCE);
            ps.setString(2, entity);
            ps.setArray(3, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Existing(rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4)));
                }
            }
        } finally {
            ids.free();
        }
        return out;
    }

    public void put(String entity, String sourceId, UUID targetId, Fingerprint fingerprint) throws SQLException {
        if (dryRun) {
            return;
        }
        upsert.add(entity, sourceId, targetId, fingerprint.value());
    }

    public void flush() throws SQLException {
        upsert.flush();
    }

    @Override
    public void close() throws SQLException {
        upsert.close();
    }
}
