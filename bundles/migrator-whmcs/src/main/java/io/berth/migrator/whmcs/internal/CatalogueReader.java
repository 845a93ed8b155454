package io.berth.migrator.whmcs.internal;

import io.berth.migrator.whmcs.internal.Catalogue.FieldDef;
import io.berth.migrator.whmcs.internal.Catalogue.OptionDef;
import io.berth.migrator.whmcs.internal.Catalogue.Product;
import io.berth.migrator.whmcs.internal.Catalogue.SubOption;
import io.berth.migrator.whmcs.internal.Catalogue.WhmcsServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the small WHMCS lookup tables into a {@link Catalogue}. */
public final class CatalogueReader {

    private CatalogueReader() {
    }

    public static Catalogue read(Connection c) throws SQLException {
        Map<Integer, Product> products = new HashMap<>();
        Map<Integer, Set<Integer>> groups = new HashMap<>();
        Map<Integer, List<SubOption>> subs = new HashMap<>();
        Map<Integer, OptionDef> options = new HashMap<>();
        Map<Integer, FieldDef> fields = new HashMap<>();
        Map<Integer, WhmcsServer> servers = new HashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select id, name, type, servertype from tblproducts")) {
                while (rs.next()) {
                    products.put(rs.getInt(1), new Product(rs.getInt(1), rs.getString(2), rs.getString(3),
                            rs.getString(4)));
                }
            }
            try (ResultSet rs = s.executeQuery("select gid, pid from tblproductconfiglinks")) {
                while (rs.next()) {
                    groups.computeIfAbsent(rs.getInt(2), k -> new HashSet<>()).add(rs.getInt(1));
                }
            }
            try (ResultSet rs = s.executeQuery("select id, configid, optionname, sortorder "
                    + "from tblproductconfigoptionssub")) {
                while (rs.next()) {
                    subs.computeIfAbsent(rs.getInt(2), k -> new ArrayList<>())
                            .add(new SubOption(rs.getInt(1), PipeName.parse(rs.getString(3)), rs.getInt(4)));
                }
            }
            try (ResultSet rs = s.executeQuery("select id, gid, optionname, optiontype, qtyminimum, `order` "
                    + "from tblproductconfigoptions")) {
                while (rs.next()) {
                    int id = rs.getInt(1);
                    options.put(id, new OptionDef(id, rs.getInt(2), PipeName.parse(rs.getString(3)), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), subs.getOrDefault(id, List.of())));
                }
            }
            try (ResultSet rs = s.executeQuery("select id, type, relid, fieldname, fieldtype from tblcustomfields "
                    + "where type in ('product', 'client')")) {
                while (rs.next()) {
                    fields.put(rs.getInt(1), new FieldDef(rs.getInt(1), rs.getString(2), rs.getInt(3),
                            PipeName.parse(rs.getString(4)), rs.getString(5)));
                }
            }
            try (ResultSet rs = s.executeQuery("select id, name, hostname, type from tblservers")) {
                while (rs.next()) {
                    servers.put(rs.getInt(1), new WhmcsServer(rs.getInt(1), rs.getString(2), rs.getString(3),
                            rs.getString(4)));
                }
            }
        }
        return new Catalogue(products, groups, options, fields, servers);
    }
}
