package io.berth.migrator.whmcs.internal;

import io.berth.migrator.whmcs.internal.WhmcsService.OptionRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams {@code tblhosting} in id order, in batches; each batch's configurable option rows and product custom
 * field values are read with one range query each ({@code relid between first and last id of the batch}) on a
 * second connection.
 */
public final class ServiceReader {

    private static final String SERVICES = "select id, userid, packageid, server, domain, cast(domainstatus as char), "
            + "dedicatedip, assignedips, suspendreason, cast(regdate as char) from tblhosting order by id";

    /** The statuses imported (see {@link ServerMapper#berthStatus(String)}). */
    private static final String IMPORTED = "('Active', 'Suspended')";

    private final Connection stream;
    private final Connection lookups;
    private final List<Integer> fieldIds;
    private final int batchSize;

    public ServiceReader(Connection stream, Connection lookups, Catalogue catalogue, int batchSize) {
        this.stream = stream;
        this.lookups = lookups;
        this.fieldIds = catalogue.fieldIds("product");
        this.batchSize = batchSize;
    }

    public long count() throws SQLException {
        try (Statement s = lookups.createStatement(); ResultSet rs = s.executeQuery("select count(*) from tblhosting")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void forEachBatch(BatchConsumer<WhmcsService> consumer) throws Exception {
        try (Statement s = stream.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(batchSize);
            try (ResultSet rs = s.executeQuery(SERVICES)) {
                List<WhmcsService> batch = new ArrayList<>(batchSize);
                while (rs.next()) {
                    batch.add(new WhmcsService(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            List.of(), Map.of()));
                    if (batch.size() == batchSize) {
                        consumer.accept(withChildren(batch));
                        batch = new ArrayList<>(batchSize);
                    }
                }
                if (!batch.isEmpty()) {
                    consumer.accept(withChildren(batch));
                }
            }
        }
    }

    private List<WhmcsService> withChildren(List<WhmcsService> batch) throws SQLException {
        int first = batch.get(0).id();
        int last = batch.get(batch.size() - 1).id();
        Map<Integer, List<OptionRow>> rows = new HashMap<>();
        // only services that are imported need their options and custom fields
        try (PreparedStatement ps = lookups.prepareStatement("select o.relid, o.configid, o.optionid, o.qty "
                + "from tblhostingconfigoptions o join tblhosting h on h.id = o.relid "
                + "where o.relid between ? and ? and h.domainstatus in " + IMPORTED + " order by o.relid, o.id")) {
            ps.setInt(1, first);
            ps.setInt(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                            .add(new OptionRow(rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                }
            }
        }
        Map<Integer, Map<Integer, String>> values = new HashMap<>();
        if (!fieldIds.isEmpty()) {
            String in = String.join(",", fieldIds.stream().map(String::valueOf).toList());
            try (PreparedStatement ps = lookups.prepareStatement("select v.relid, v.fieldid, v.value "
                    + "from tblcustomfieldsvalues v join tblhosting h on h.id = v.relid "
                    + "where v.relid between ? and ? and v.fieldid in (" + in + ") and h.domainstatus in " + IMPORTED
                    + " order by v.relid, v.id")) {
                ps.setInt(1, first);
                ps.setInt(2, last);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        values.computeIfAbsent(rs.getInt(1), k -> new LinkedHashMap<>())
                                .putIfAbsent(rs.getInt(2), rs.getString(3));
                    }
                }
            }
        }
        List<WhmcsService> out = new ArrayList<>(batch.size());
        for (WhmcsService s : batch) {
            out.add(s.with(rows.getOrDefault(s.id(), List.of()), values.getOrDefault(s.id(), Map.of())));
        }
        return out;
    }
}
