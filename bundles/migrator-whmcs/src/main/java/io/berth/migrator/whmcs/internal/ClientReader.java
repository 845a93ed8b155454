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
import java.util.Set;
import java.util.TreeSet;

/**
 * Streams {@code tblclients} in id order, in batches. For each batch, on a second connection (the first is busy
 * streaming): the owner logins ({@code tblusers_clients.owner = 1}, the lowest link id when there are several),
 * the lowest client id each of those logins owns, and the client custom field values.
 */
public final class ClientReader {

    private static final String CLIENTS = "select id, firstname, lastname, companyname, email, cast(status as char), "
            + "password, cast(datecreated as char) from tblclients order by id";

    private record Login(int id, String email, String firstName, String lastName, String password,
            boolean secondFactor) {
    }

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
                    batch.add(new WhmcsClient(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), null, null, null,
                            null, null, false, null, Map.of()));
                    if (batch.size() == batchSize) {
                        consumer.accept(complete(batch));
                        batch = new ArrayList<>(batchSize);
                    }
                }
                if (!batch.isEmpty()) {
                    consumer.accept(complete(batch));
                }
            }
        }
    }

    private List<WhmcsClient> complete(List<WhmcsClient> batch) throws SQLException {
        int first = batch.get(0).id();
        int last = batch.get(batch.size() - 1).id();
        Map<Integer, Login> owners = new HashMap<>();
        try (PreparedStatement ps = lookups.prepareStatement("select uc.client_id, u.id, u.email, u.first_name, "
                + "u.last_name, u.password, u.second_factor from tblusers_clients uc "
                + "join tblusers u on u.id = uc.auth_user_id "
                + "where uc.client_id between ? and ? and uc.owner = 1 order by uc.client_id, uc.id")) {
            ps.setInt(1, first);
            ps.setInt(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owners.putIfAbsent(rs.getInt(1), new Login(rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7) != null && !rs.getString(7).isBlank()));
                }
            }
        }
        Map<Integer, Integer> primary = new HashMap<>();
        Set<Integer> logins = new TreeSet<>();
        owners.values().forEach(l -> logins.add(l.id()));
        if (!logins.isEmpty()) {
            String in = String.join(",", logins.stream().map(String::valueOf).toList());
            try (Statement s = lookups.createStatement();
                    ResultSet rs = s.executeQuery("select auth_user_id, min(client_id) from tblusers_clients "
                            + "where owner = 1 and auth_user_id in (" + in + ") group by auth_user_id")) {
                while (rs.next()) {
                    primary.put(rs.getInt(1), rs.getInt(2));
                }
            }
        }
        Map<Integer, Map<Integer, String>> values = new HashMap<>();
        if (!fieldIds.isEmpty()) {
            String in = String.join(",", fieldIds.stream().map(String::valueOf).toList());
            try (PreparedStatement ps = lookups.prepareStatement("select relid, fieldid, value "
                    + "from tblcustomfieldsvalues where relid between ? and ? and fieldid in (" + in + ") "
                    + "order by relid, id")) {
                ps.setInt(1, first);
                ps.setInt(2, last);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        values.computeIfAbsent(rs.getInt(1), k -> new LinkedHashMap<>()).putIfAbsent(rs.getInt(2),
                                rs.getString(3));
                    }
                }
            }
        }
        List<WhmcsClient> out = new ArrayList<>(batch.size());
        for (WhmcsClient c : batch) {
            Login l = owners.get(c.id());
            out.add(new WhmcsClient(c.id(), c.firstName(), c.lastName(), c.company(), c.email(), c.status(),
                    c.legacyPassword(), c.created(), l == null ? null : l.id(), l == null ? null : l.email(),
                    l == null ? null : l.firstName(), l == null ? null : l.lastName(), l == null ? null : l.password(),
                    l != null && l.secondFactor(), l == null ? null : primary.get(l.id()),
                    values.getOrDefault(c.id(), Map.of())));
        }
        return out;
    }
}
