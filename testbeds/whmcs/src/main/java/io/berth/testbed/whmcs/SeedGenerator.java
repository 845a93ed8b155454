package io.berth.testbed.whmcs;

import static io.berth.testbed.whmcs.SeedCatalogue.FIELD_IMAGE;
import static io.berth.testbed.whmcs.SeedCatalogue.FIELD_LOCATION;
import static io.berth.testbed.whmcs.SeedCatalogue.FIELD_NODE;
import static io.berth.testbed.whmcs.SeedCatalogue.FIELD_NOTES;
import static io.berth.testbed.whmcs.SeedCatalogue.FIELD_ROOT_PASSWORD;
import static io.berth.testbed.whmcs.SeedCatalogue.FIELD_VMID;
import static io.berth.testbed.whmcs.SeedCatalogue.PRODUCT_BARE;
import static io.berth.testbed.whmcs.SeedCatalogue.PRODUCT_CLASSIC;
import static io.berth.testbed.whmcs.SeedCatalogue.PRODUCT_DELETED;
import static io.berth.testbed.whmcs.SeedCatalogue.PRODUCT_FLEX;
import static io.berth.testbed.whmcs.SeedCatalogue.PRODUCT_SHARED;
import static io.berth.testbed.whmcs.SeedCatalogue.PRODUCT_STANDARD;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Generates a WHMCS data set from a seed: the same {@link SeedOptions} always give the same rows. The first
 * clients and services are the {@link Fixtures}; the rest are drawn from the seeded generator.
 */
final class SeedGenerator {

    static final String ZERO_DATE = "0000-00-00";
    static final String ZERO_TIME = "0000-00-00 00:00:00";
    private static final String[] FIRST = {"Anna", "Jörg", "Zoë", "José", "Øyvind", "Łukasz", "Amélie", "Søren",
        "Ìñigo", "Mei", "Ngọc", "Ahmet", "Björn", "Chloé", "Đorđe", "Emma", "Liam", "Noah", "Olivia", "Sven"};
    private static final String[] LAST = {"Müller", "Núñez", "Dvořák", "O'Brien", "Smith", "Nowak", "Kovačević",
        "Lefèvre", "Ñandú", "Jensen", "García", "Rossi", "Papadopoulos", "Żółć", "Yılmaz", "Nguyễn", "Brown",
        "Schäfer", "van der Berg", "Æsir"};
    private static final String[] STATUSES = {"Active", "Suspended", "Pending", "Terminated", "Cancelled", "Fraud",
        "Completed"};
    private static final String[] CYCLES = {"Monthly", "Quarterly", "Semi-Annually", "Annually", "Biennially",
        "Triennially", "Free Account"};
    private static final int HASH_POOL = 16;

    private final SeedOptions options;
    private final SplittableRandom rnd;
    private final String[] pooledBcrypt = new String[HASH_POOL];
    private final Map<String, Long> rows = new TreeMap<>();
    private final Map<String, Long> serviceStatus = new TreeMap<>();
    private final Map<String, Long> clientStatus = new TreeMap<>();
    /** Status per client id (index 0 unused). */
    private String[] clientStatuses;

    SeedGenerator(SeedOptions options) {
        this.options = options;
        this.rnd = new SplittableRandom(options.seed());
    }

    SeedSummary load(Connection c) throws SQLException {
        long start = System.nanoTime();
        for (int k = 0; k < HASH_POOL; k++) {
            pooledBcrypt[k] = bcrypt(Fixtures.generatedPassword(k), options.bcryptCost());
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set session unique_checks = 0");
            s.execute("set session foreign_key_checks = 0");
            SeedCatalogue.load(c);
            loadClients(c);
            loadServices(c);
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
        for (String table : WhmcsTestbed.tables()) {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("select count(*) from " + table)) {
                rs.next();
                rows.put(table, rs.getLong(1));
            }
        }
        return new SeedSummary(rows, serviceStatus, clientStatus, (System.nanoTime() - start) / 1_000_000);
    }

    // ---------------------------------------------------------------- clients and logins

    private void loadClients(Connection c) throws SQLException {
        clientStatuses = new String[options.clients() + 1];
        try (SqlBulkInsert clients = new SqlBulkInsert(c, "tblclients",
                List.of("id", "uuid", "firstname", "lastname", "companyname", "email", "address1", "city", "country",
                        "phonenumber", "password", "currency", "credit", "datecreated", "status", "language",
                        "created_at", "updated_at"), SeedOptions.INSERT_ROWS);
                SqlBulkInsert users = new SqlBulkInsert(c, "tblusers",
                        List.of("id", "first_name", "last_name", "email", "password", "second_factor", "created_at",
                                "updated_at"), SeedOptions.INSERT_ROWS);
                SqlBulkInsert links = new SqlBulkInsert(c, "tblusers_clients",
                        List.of("auth_user_id", "client_id", "owner", "permissions", "created_at"),
                        SeedOptions.INSERT_ROWS);
                SqlBulkInsert values = new SqlBulkInsert(c, "tblcustomfieldsvalues",
                        List.of("fieldid", "relid", "value"), SeedOptions.INSERT_ROWS)) {
            fixtureClients(clients, users, links);
            long userId = 6;
            for (int id = Fixtures.CLIENTS + 1; id <= options.clients(); id++) {
                String first = FIRST[rnd.nextInt(FIRST.length)];
                String last = LAST[rnd.nextInt(LAST.length)];
                double r = rnd.nextDouble();
                String status = r < 0.80 ? "Active" : r < 0.92 ? "Inactive" : "Closed";
                String email = ascii(first) + "." + ascii(last) + "." + id + "@example.org";
                if (id % 17 == 0) {
                    email = email.substring(0, 1).toUpperCase(Locale.ROOT) + email.substring(1);
                }
                double kind = rnd.nextDouble();
                String legacyPassword = "";
                if (kind < 0.04) {
                    // a client never moved to a WHMCS 8 login: its password is still in tblclients
                    legacyPassword = md5Salted(Fixtures.generatedPassword(id), salt());
                } else if (id % 25 == 0) {
                    // the login of the previous client owns this account too
                    links.row(userId - 1, id, 1, "", ZERO_TIME);
                    email = "billing+" + id + "@example.org";
                } else {
                    long uid = userId++;
                    String hash = kind < 0.86 ? pooledBcrypt[(int) (uid % HASH_POOL)]
                            : md5Salted(Fixtures.generatedPassword(uid), salt());
                    users.row(uid, first, last, email, hash, kind > 0.98 ? "totp" : "", timestamp(), timestamp());
                    links.row(uid, id, 1, "", timestamp());
                    if (id % 30 == 0) {
                        long invited = userId++;
                        users.row(invited, "Invited", last, "team." + id + "@example.org",
                                pooledBcrypt[(int) (invited % HASH_POOL)], "", timestamp(), timestamp());
                        links.row(invited, id, 0, "products,invoices", timestamp());
                    }
                }
                client(clients, id, first, last, rnd.nextInt(6) == 0 ? last + " GmbH" : "", email, legacyPassword,
                        1 + rnd.nextInt(SeedCatalogue.CURRENCIES), rnd.nextInt(20) == 0 ? ZERO_DATE : date(), status);
                if (rnd.nextInt(3) == 0) {
                    values.row(SeedCatalogue.FIELD_CLIENT_VAT, id, "DE" + (100000000 + rnd.nextInt(899999999)));
                }
                if (rnd.nextInt(2) == 0) {
                    values.row(SeedCatalogue.FIELD_CLIENT_REFERRAL, id, rnd.nextBoolean() ? "Friend" : "Search engine");
                }
                if (rnd.nextInt(5) == 0) {
                    values.row(SeedCatalogue.FIELD_CLIENT_PIN, id, encrypted());
                }
            }
        }
    }

    private void fixtureClients(SqlBulkInsert clients, SqlBulkInsert users, SqlBulkInsert links)
            throws SQLException {
        client(clients, 1, "Alice", "Example", "", Fixtures.ALICE_EMAIL, "", 1, "2019-03-14", "Active");
        users.row(1, "Alice", "Example", Fixtures.ALICE_EMAIL, bcrypt(Fixtures.ALICE_PASSWORD, 10), "", timestamp(),
                timestamp());
        links.row(1, 1, 1, "", timestamp());
        client(clients, 2, "Bob", "Legacy", "Bob's Bits Ltd", Fixtures.BOB_EMAIL, "", 2, ZERO_DATE, "Active");
        users.row(2, "Bob", "Legacy", Fixtures.BOB_EMAIL, md5Salted(Fixtures.BOB_PASSWORD, "e93h2"), "", ZERO_TIME,
                ZERO_TIME);
        links.row(2, 2, 1, "", timestamp());
        client(clients, 3, "Zoë", "Ærøskøbing-Łukasiewicz", "Société Générale d'Hébergement", Fixtures.ZOE_EMAIL, "",
                3, "2021-07-01", "Inactive");
        users.row(3, "Zoë", "Ærøskøbing-Łukasiewicz", Fixtures.ZOE_EMAIL, bcrypt(Fixtures.ZOE_PASSWORD, 10), "",
                timestamp(), timestamp());
        links.row(3, 3, 1, "", timestamp());
        client(clients, 4, "Carol", "Closed", "", Fixtures.CAROL_EMAIL, "", 1, "2015-01-02", "Closed");
        users.row(4, "Carol", "Closed", Fixtures.CAROL_EMAIL, bcrypt(Fixtures.CAROL_PASSWORD, 10), "", timestamp(),
                timestamp());
        links.row(4, 4, 1, "", timestamp());
        client(clients, 5, "Dave", "Oldtimer", "", Fixtures.DAVE_EMAIL,
                md5Salted(Fixtures.DAVE_PASSWORD, "k9Xq2"), 4, "2011-11-11", "Active");
        client(clients, 6, "Eve", "Preight", "", Fixtures.EVE_EMAIL, bcrypt(Fixtures.EVE_PASSWORD, 10), 1,
                "2017-05-05", "Active");
        client(clients, 7, "Frank", "Twoaccounts", "", Fixtures.FRANK_EMAIL, "", 1, "2020-02-02", "Active");
        client(clients, 8, "Frank", "Twoaccounts", "Frank's Second Shop", "shop@frank.example", "", 2, "2022-08-08",
                "Active");
        users.row(5, "Frank", "Twoaccounts", Fixtures.FRANK_EMAIL, bcrypt(Fixtures.FRANK_PASSWORD, 10), "", timestamp(),
                timestamp());
        links.row(5, 7, 1, "", timestamp());
        links.row(5, 8, 1, "", timestamp());
    }

    private void client(SqlBulkInsert ins, int id, String first, String last, String company, String email,
            String password, int currency, String created, String status) throws SQLException {
        clientStatuses[id] = status;
        clientStatus.merge(status, 1L, Long::sum);
        ins.row(id, uuid(), first, last, company, email, (1 + rnd.nextInt(200)) + " Main Street",
                rnd.nextBoolean() ? "Berlin" : "Kraków", rnd.nextBoolean() ? "DE" : "PL",
                "+49." + (1000000 + rnd.nextInt(8999999)), password, currency,
                String.format(Locale.ROOT, "%.2f", rnd.nextInt(10000) / 100.0), created, status, "",
                ZERO_DATE.equals(created) ? ZERO_TIME : created + " 10:00:00", ZERO_TIME);
    }

    // ---------------------------------------------------------------- services

    private void loadServices(Connection c) throws SQLException {
        try (SqlBulkInsert hosting = new SqlBulkInsert(c, "tblhosting",
                List.of("id", "userid", "orderid", "packageid", "server", "regdate", "domain", "paymentmethod",
                        "firstpaymentamount", "amount", "billingcycle", "nextduedate", "nextinvoicedate",
                        "termination_date", "domainstatus", "username", "password", "notes", "subscriptionid",
                        "promoid", "suspendreason", "overideautosuspend", "overidesuspenduntil", "dedicatedip",
                        "assignedips", "ns1", "ns2", "created_at", "updated_at"), SeedOptions.INSERT_ROWS);
                SqlBulkInsert opts = new SqlBulkInsert(c, "tblhostingconfigoptions",
                        List.of("relid", "configid", "optionid", "qty"), SeedOptions.INSERT_ROWS * 4);
                SqlBulkInsert values = new SqlBulkInsert(c, "tblcustomfieldsvalues",
                        List.of("fieldid", "relid", "value"), SeedOptions.INSERT_ROWS * 4)) {
            fixtureServices(hosting, opts, values);
            for (int id = Fixtures.SERVICES + 1; id <= options.services(); id++) {
                int client = 1 + rnd.nextInt(options.clients());
                String status;
                if ("Closed".equals(clientStatuses[client])) {
                    status = rnd.nextBoolean() ? "Terminated" : "Cancelled";
                } else {
                    double r = rnd.nextDouble();
                    status = r < 0.60 ? "Active" : r < 0.70 ? "Suspended" : r < 0.75 ? "Pending"
                            : r < 0.85 ? "Terminated" : r < 0.92 ? "Cancelled" : r < 0.95 ? "Fraud" : "Completed";
                }
                double p = rnd.nextDouble();
                int product = p < 0.40 ? PRODUCT_STANDARD : p < 0.65 ? PRODUCT_FLEX : p < 0.80 ? PRODUCT_CLASSIC
                        : p < 0.90 ? PRODUCT_SHARED : p < 0.99 ? PRODUCT_BARE : PRODUCT_DELETED;
                boolean vps = product != PRODUCT_SHARED;
                String ip = vps ? (rnd.nextInt(100) == 0 ? "2001:db8::" + Integer.toHexString(id) : ipv4(id)) : "";
                service(hosting, id, client, product, status, "vps" + id + ".example.net", ip,
                        vps && rnd.nextInt(10) == 0 ? ipv4(id + 3_000_000) + "\n" + ipv4(id + 4_000_000) : "");
                randomOptions(opts, id, product);
                if (SeedCatalogue.PRODUCT_FIELDS.containsKey(product)) {
                    serviceFields(values, id, product, randomImage(), rnd.nextInt(20) == 0 ? null : randomLocation(),
                            rnd.nextInt(10) == 0 ? null : String.valueOf(100 + id),
                            rnd.nextBoolean() ? "pve1" : "pve2", rnd.nextInt(10) == 0 ? "Kunde möchte Backups" : null);
                } else if (product == PRODUCT_SHARED && rnd.nextInt(4) == 0) {
                    values.row(SeedCatalogue.FIELD_SHARED_NOTE, id, "www.shop" + id + ".example");
                }
            }
        }
    }

    private void fixtureServices(SqlBulkInsert hosting, SqlBulkInsert opts, SqlBulkInsert values)
            throws SQLException {
        service(hosting, 1, 1, PRODUCT_STANDARD, "Active", "alice-web.example.net", "10.20.1.1", "");
        opts.row(1, 1, 13, 0);
        opts.row(1, 2, 22, 0);
        opts.row(1, 3, 31, 80);
        opts.row(1, 4, 41, 1);
        opts.row(1, 5, 51, 0);
        opts.row(1, SeedCatalogue.OPTION_DELETED, 0, 3);
        serviceFields(values, 1, PRODUCT_STANDARD, "ubuntu-24.04", "Frankfurt", "101", "pve1", "Ünïcödé notes");

        service(hosting, 2, 1, PRODUCT_FLEX, "Suspended", "alice-db.example.net", "10.20.1.2", "");
        opts.row(2, 7, 71, 8);
        opts.row(2, 8, 81, 4);
        opts.row(2, 9, 93, 0);
        opts.row(2, 10, 101, 2);
        opts.row(2, 11, 111, 0);
        serviceFields(values, 2, PRODUCT_FLEX, "debian-12", "Zürich", "102", "pve2", null);

        service(hosting, 3, 1, PRODUCT_CLASSIC, "Active", "alice-legacy.example.net", "10.20.1.3", "");
        opts.row(3, 12, 122, 0);
        opts.row(3, 13, 132, 0);
        opts.row(3, 14, 142, 0);
        opts.row(3, 15, 151, 0);
        serviceFields(values, 3, PRODUCT_CLASSIC, "windows-2022", "Amsterdam", null, null, null);

        service(hosting, 4, 2, PRODUCT_BARE, "Active", "bob.example.net", "10.20.1.4", "");
        serviceFields(values, 4, PRODUCT_BARE, "rocky-9", null, "104", "pve1", null);

        for (int id = 5; id <= 9; id++) {
            service(hosting, id, 3, PRODUCT_STANDARD, STATUSES[id - 3], "zoe" + id + ".example.net", "10.20.1." + id,
                    "");
            opts.row(id, 1, 12, 0);
            serviceFields(values, id, PRODUCT_STANDARD, "debian-12", "Frankfurt", String.valueOf(100 + id), "pve1",
                    null);
        }

        service(hosting, 10, 5, PRODUCT_STANDARD, "Active", "dave.example.net", "2001:db8::10", "");
        opts.row(10, 1, SeedCatalogue.SUB_DELETED, 0);
        opts.row(10, 3, 31, 30);
        serviceFields(values, 10, PRODUCT_STANDARD, "ubuntu-24.04", "Frankfurt", "110", "pve2", null);

        service(hosting, 11, 6, PRODUCT_SHARED, "Active", "eve-shop.example", "", "");
        values.row(SeedCatalogue.FIELD_SHARED_NOTE, 11, "www.eve-shop.example");

        service(hosting, 12, 8, PRODUCT_STANDARD, "Active", "frank-shop.example.net", "10.20.1.1", "");
        opts.row(12, 1, 14, 0);
        opts.row(12, 2, 23, 0);
        opts.row(12, 3, 31, 200);
        opts.row(12, 6, 62, 0);
        serviceFields(values, 12, PRODUCT_STANDARD, "ubuntu-24.04", "São Paulo", "112", "pve2", null);
    }

    private void service(SqlBulkInsert ins, int id, int client, int product, String status, String domain, String ip,
            String assigned) throws SQLException {
        serviceStatus.merge(status, 1L, Long::sum);
        String reg = rnd.nextInt(25) == 0 ? ZERO_DATE : date();
        boolean ended = "Terminated".equals(status) || "Cancelled".equals(status);
        ins.row(id, client, id, product, product == PRODUCT_SHARED ? 3 : 1 + rnd.nextInt(2), reg, domain, "paypal",
                "10.00", "10.00", CYCLES[rnd.nextInt(CYCLES.length)], rnd.nextInt(10) == 0 ? null : date(),
                rnd.nextInt(10) == 0 ? ZERO_DATE : date(), ended ? date() : ZERO_DATE, status, "root", encrypted(), "",
                "", 0, "Suspended".equals(status) ? "Overdue on Payment" : "", 0, ZERO_DATE, ip, assigned,
                "ns1.example.net", "ns2.example.net", ZERO_DATE.equals(reg) ? ZERO_TIME : reg + " 12:00:00",
                ZERO_TIME);
    }

    private void randomOptions(SqlBulkInsert opts, int id, int product) throws SQLException {
        switch (product) {
            case PRODUCT_STANDARD -> {
                int memory = rnd.nextInt(100);
                if (memory < 3) {
                    opts.row(id, 1, SeedCatalogue.SUB_DELETED, 0);
                } else if (memory >= 8) {
                    opts.row(id, 1, 11 + rnd.nextInt(4), 0);
                }
                opts.row(id, 2, 21 + rnd.nextInt(3), 0);
                opts.row(id, 3, 31, 10 * (2 + rnd.nextInt(19)));
                opts.row(id, 4, 41, rnd.nextInt(2));
                opts.row(id, 5, 51 + rnd.nextInt(2), 0);
                if (rnd.nextInt(10) < 3) {
                    opts.row(id, 6, 61 + rnd.nextInt(2), 0);
                }
                if (rnd.nextInt(33) == 0) {
                    opts.row(id, SeedCatalogue.OPTION_DELETED, 0, 1);
                }
            }
            case PRODUCT_FLEX -> {
                opts.row(id, 7, 71, 1 + rnd.nextInt(16));
                opts.row(id, 8, 81, 1 + rnd.nextInt(8));
                opts.row(id, 9, 91 + rnd.nextInt(3), 0);
                opts.row(id, 10, 101, rnd.nextInt(5));
                opts.row(id, 11, 111 + rnd.nextInt(2), 0);
            }
            case PRODUCT_CLASSIC -> {
                opts.row(id, 12, 121 + rnd.nextInt(3), 0);
                opts.row(id, 13, 131 + rnd.nextInt(2), 0);
                opts.row(id, 14, 141 + rnd.nextInt(2), 0);
                opts.row(id, 15, 151, rnd.nextInt(2));
            }
            default -> {
                // no configurable options
            }
        }
    }

    private void serviceFields(SqlBulkInsert values, int id, int product, String image, String location,
            String vmid, String node, String notes) throws SQLException {
        int[] f = SeedCatalogue.PRODUCT_FIELDS.get(product);
        if (image != null) {
            values.row(f[FIELD_IMAGE], id, image);
        }
        if (location != null) {
            values.row(f[FIELD_LOCATION], id, location);
        }
        if (vmid != null) {
            values.row(f[FIELD_VMID], id, vmid);
            values.row(f[FIELD_NODE], id, node);
        }
        values.row(f[FIELD_ROOT_PASSWORD], id, encrypted());
        if (notes != null) {
            values.row(f[FIELD_NOTES], id, notes);
        }
    }

    private String randomImage() {
        return rnd.nextInt(20) == 0 ? "" : SeedCatalogue.IMAGES.get(rnd.nextInt(SeedCatalogue.IMAGES.size()));
    }

    private String randomLocation() {
        return SeedCatalogue.LOCATIONS.get(rnd.nextInt(SeedCatalogue.LOCATIONS.size()));
    }

    // ---------------------------------------------------------------- values

    /** A unique IPv4 address per n in 10.21.0.0 - 10.(21+)...: host parts 1..254. */
    static String ipv4(int n) {
        int host = n % 254 + 1;
        int c = (n / 254) % 254 + 1;
        int b = 21 + n / (254 * 254);
        return "10." + b + "." + c + "." + host;
    }

    private String date() {
        return LocalDate.of(2012, 1, 1).plusDays(rnd.nextInt(365 * 13)).toString();
    }

    private String timestamp() {
        return date() + " 08:30:00";
    }

    private String uuid() {
        return new java.util.UUID(rnd.nextLong(), rnd.nextLong()).toString();
    }

    private String salt() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Stands in for a value WHMCS encrypts with its installation key. */
    private String encrypted() {
        byte[] b = new byte[24];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return Base64.getEncoder().encodeToString(b);
    }

    private String bcrypt(String password, int cost) {
        byte[] salt = new byte[16];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) rnd.nextInt(256);
        }
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, cost);
    }

    /** The WHMCS 4.2.1 - 6.2 client hash: {@code md5(salt . password) . ':' . salt}. */
    static String md5Salted(String password, String salt) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] digest = md5.digest((salt + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ":" + salt;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ascii(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return d.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
