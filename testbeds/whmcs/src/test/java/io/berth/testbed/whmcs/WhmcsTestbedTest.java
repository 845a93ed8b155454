package io.berth.testbed.whmcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WhmcsTestbedTest {

    /** The WHMCS 8.13 installer DDL kept beside the repository as reference data (not part of the build). */
    private static final Path REFERENCE = Path.of(System.getProperty("berth.whmcs.reference",
            "../../../shared/reference/whmcs/schema.sql"));

    private static WhmcsTestbed testbed;
    private static SeedSummary summary;

    @BeforeAll
    static void start() {
        testbed = WhmcsTestbed.start();
        summary = testbed.seed(SeedOptions.small());
    }

    @AfterAll
    static void stop() {
        testbed.close();
    }

    @Test
    void seedsEveryStatusAndAllOptionTypes() throws SQLException {
        assertThat(summary.rows()).containsEntry("tblclients", 40L).containsEntry("tblhosting", 100L);
        assertThat(summary.servicesByStatus().keySet()).containsExactlyInAnyOrder("Active", "Suspended", "Pending",
                "Terminated", "Cancelled", "Fraud", "Completed");
        assertThat(summary.clientsByStatus().keySet()).containsExactlyInAnyOrder("Active", "Inactive", "Closed");
        try (Connection c = reader()) {
            assertThat(strings(c, "select distinct optiontype from tblproductconfigoptions order by 1"))
                    .containsExactly("1", "2", "3", "4");
            assertThat(strings(c, "select optionname from tblproductconfigoptionssub where id = 13"))
                    .containsExactly("4096|4 GB");
            assertThat(strings(c, "select fieldname from tblcustomfields where type = 'product' and relid = 2"))
                    .contains("OS_Image_Template|Operating system", "DataCenter_Location|Data centre");
            assertThat(strings(c, "select distinct substr(password, 1, 4) from tblusers where password like '$2y$%'"))
                    .containsExactly("$2y$");
            assertThat(strings(c, "select password from tblusers where id = 2").get(0)).matches("[0-9a-f]{32}:e93h2");
            assertThat(strings(c, "select cast(datecreated as char) from tblclients where id = 2"))
                    .containsExactly("0000-00-00");
            assertThat(strings(c, "select firstname from tblclients where id = 3")).containsExactly("Zoë");
            assertThat(strings(c, "select count(distinct currency) from tblclients")).containsExactly("4");
            assertThat(strings(c, "select count(*) from tblhostingconfigoptions where configid = 99"))
                    .doesNotContain("0");
        }
    }

    @Test
    void fixturePasswordsVerify() throws SQLException {
        try (Connection c = reader()) {
            String alice = strings(c, "select password from tblusers where email = 'alice@example.com'").get(0);
            assertThat(alice).startsWith("$2y$10$");
            assertThat(OpenBSDBCrypt.checkPassword(alice, Fixtures.ALICE_PASSWORD.toCharArray())).isTrue();
            String zoe = strings(c, "select password from tblusers where email = 'zoe@example.com'").get(0);
            assertThat(OpenBSDBCrypt.checkPassword(zoe, Fixtures.ZOE_PASSWORD.toCharArray())).isTrue();
            String bob = strings(c, "select password from tblusers where id = 2").get(0);
            assertThat(bob).isEqualTo(SeedGenerator.md5Salted(Fixtures.BOB_PASSWORD, "e93h2"));
            String generated = strings(c, "select password from tblusers where id = 7 and password like '$2y$%'")
                    .stream().findFirst().orElse(null);
            if (generated != null) {
                assertThat(OpenBSDBCrypt.checkPassword(generated, Fixtures.generatedPassword(7).toCharArray()))
                        .isTrue();
            }
        }
    }

    @Test
    void sameSeedGivesSameRows() throws SQLException {
        String before = checksum();
        testbed.seed(SeedOptions.small());
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void readerMayNotWrite() throws SQLException {
        try (Connection c = reader(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("delete from tblclients"));
        }
    }

    /** Loads the reference DDL beside ours and compares every column (name, type, nullability, default). */
    @Test
    void schemaMatchesTheWhmcsInstallerDdl() throws Exception {
        Assumptions.assumeTrue(Files.exists(REFERENCE), "reference DDL not present at " + REFERENCE);
        String ddl = Files.readString(REFERENCE);
        try (Connection c = testbed.adminConnection(); Statement s = c.createStatement()) {
            s.execute("create database if not exists whmcs_reference character set utf8mb3");
            s.execute("use whmcs_reference");
            for (String stmt : WhmcsTestbed.statements(ddl)) {
                if (!stmt.toLowerCase().startsWith("insert")) {
                    s.execute(stmt);
                }
            }
            for (String table : WhmcsTestbed.tables()) {
                assertThat(columns(c, "whmcs", table)).as(table).isEqualTo(columns(c, "whmcs_reference", table));
                assertThat(indexes(c, "whmcs", table)).as(table + " keys")
                        .isEqualTo(indexes(c, "whmcs_reference", table));
            }
            s.execute("drop database whmcs_reference");
        }
    }

    private static Map<String, String> columns(Connection c, String schema, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (var ps = c.prepareStatement("select column_name, column_type, is_nullable, column_default, "
                + "collation_name, extra from information_schema.columns where table_schema = ? and table_name = ? "
                + "order by ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                            + rs.getString(5) + " " + rs.getString(6));
                }
            }
        }
        assertThat(out).as(schema + "." + table).isNotEmpty();
        return out;
    }

    private static List<String> indexes(Connection c, String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var ps = c.prepareStatement("select index_name, seq_in_index, column_name, sub_part, non_unique "
                + "from information_schema.statistics where table_schema = ? and table_name = ? "
                + "order by index_name, seq_in_index")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getString(3) + "/" + rs.getString(4)
                            + "/" + rs.getInt(5));
                }
            }
        }
        return out;
    }

    private String checksum() throws SQLException {
        try (Connection c = reader()) {
            return strings(c, "checksum table " + String.join(", ", WhmcsTestbed.tables())).toString();
        }
    }

    private static Connection reader() throws SQLException {
        return DriverManager.getConnection(testbed.jdbcUrl(), testbed.user(), testbed.password());
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                out.add(rs.getString(n));
            }
        }
        return out;
    }
}
