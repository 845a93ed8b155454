package io.berth.migrator.whmcs.internal;

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
 * Streams {@code tblclients} in id order with the owner login of each client, in batches; each batch's client
 * custom field values are read with one range query on a second connection (the first is busy streaming).
 */
public final class ClientReader {

    private static final String CLIENTS = "select c.id, c.firstname, c.lastname, c.companyname, c.email, "
            + "cast(c.status as char), c.password, cast(c.datecreated as char), "
            + "u.id, u.email, u.first_name, u.last_name, u.password, u.second_factor, "
            + "(select min(x.client_id) from tblusers_clients x where x.auth_user_id = u.id and x.owner = 1) "
            + "from tblclients c "
            + "left join tblusers_clients uc on uc.id = (select min(y.id) from tblusers_clients y "
            + "where y.client_id = c.id and y.owner = 1) "
            + "left join tblusers u on u.id = uc.auth_user_id "
            + "order by c.id";

    private final Connection stream;
    private final Connection lookups;
    private final List<Integer> fieldIds;
    private final int batchSize;

    public ClientReader(Connection stream, Connection lookups, Catalogue catalogue, int batchSize) {
        this.stream = stream;
        this.lookups = lookups;
        this.fieldIds = catalogue.fieldIds("client");
        this.batchSize = batchSize;
    }

    public long count() throws SQLException {
        try (Statement s = lookups.createStatement(); ResultSet rs = s.executeQuery("select count(*) from tblclients")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void forEachBatch(BatchConsumer<WhmcsClient> consumer) throws Exception {
        try (Statement s = stream.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(batchSize);
            try (ResultSet rs = s.executeQuery(CLIENTS)) {
                List<WhmcsClient> batch = new ArrayList<>(batchSize);
                while (rs.next()) {
                    Number login = (Number) rs.getObject(9);
                    Number primary = (Number) rs.getObject(15);
                    batch.add(new WhmcsClient(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            login == null ? null : login.intValue(), rs.getString(10),
                            rs.getString(11), rs.getString(12), rs.getString(13),
                            rs.getString(14) != null && !rs.getString(14).isBlank(),
                            primary == null ? null : primary.intValue(), Map.of()));
                    if (batch.size() == batchSize) {
                        consumer.accept(withValues(batch));
                        batch = new ArrayList<>(batchSize);
                    }
                }
                if (!batch.isEmpty()) {
                    consumer.accept(withValues(batch));
                }
            }
        }
    }

    private List<WhmcsClient> withValues(List<WhmcsClient> batch) throws SQLException {
        if (fieldIds.isEmpty()) {
            return batch;
        }
        Map<Integer, Map<Integer, String>> values = new HashMap<>();
        String in = String.join(",", fieldIds.stream().map(String::valueOf).toList());
        try (PreparedStatement ps = lookups.prepareStatement("select relid, fieldid, value from tblcustomfieldsvalues "
                + "where relid between ? and ? and fieldid in (" + in + ") order by relid, id")) {
            ps.setInt(1, batch.get(0).id());
            ps.setInt(2, batch.get(batch.size() - 1).id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.computeIfAbsent(rs.getInt(1), k -> new LinkedHashMap<>()).putIfAbsent(rs.getInt(2),
                            rs.getString(3));
                }
            }
        }
        List<WhmcsClient> out = new ArrayList<>(batch.size());
        for (WhmcsClient c : batch) {
            Map<Integer, String> v = values.get(c.id());
            out.add(v == null ? c : c.withCustomValues(v));
        }
        return out;
    }
}
