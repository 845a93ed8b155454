package io.berth.testbed.whmcs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The fixed part of every data set: currencies, WHMCS servers, products, configurable option groups with all
 * four option types and pipe names, custom field definitions and pricing.
 */
final class SeedCatalogue {

    static final int PRODUCT_STANDARD = 1;
    static final int PRODUCT_FLEX = 2;
    static final int PRODUCT_CLASSIC = 3;
    static final int PRODUCT_SHARED = 4;
    static final int PRODUCT_BARE = 5;
    /** A product id services point at although the product was deleted. */
    static final int PRODUCT_DELETED = 77;
    /** A configurable option id rows point at although the option was deleted. */
    static final int OPTION_DELETED = 99;
    /** A sub-option id rows point at although it was deleted (it belonged to option 1). */
    static final int SUB_DELETED = 999;

    /** Option: id, config group, name, type (1 dropdown, 2 radio, 3 yes/no, 4 quantity), qty min, qty max. */
    record Option(int id, int group, String name, String type, int min, int max, List<Sub> subs) {
    }

    /** Sub-option: id, name, sort order. */
    record Sub(int id, String name, int sort) {
    }

    static final List<Option> OPTIONS = List.of(
            new Option(1, 1, "memory|Memory", "1", 0, 0,
                    List.of(new Sub(11, "1024|1 GB", 0), new Sub(12, "2048|2 GB", 1), new Sub(13, "4096|4 GB", 2),
                            new Sub(14, "8192|8 GB", 3))),
            new Option(2, 1, "cpu|CPU Cores", "2", 0, 0,
                    List.of(new Sub(21, "1|1 vCPU", 0), new Sub(22, "2|2 vCPU", 1), new Sub(23, "4|4 vCPU", 2))),
            new Option(3, 1, "disk|Disk Space", "4", 10, 500, List.of(new Sub(31, "GB", 0))),
            new Option(4, 1, "backups|Automatic Backups", "3", 0, 0, List.of(new Sub(41, "Enabled", 0))),
            new Option(5, 1, "bandwidth|Monthly Traffic", "1", 0, 0,
                    List.of(new Sub(51, "1000|1 TB", 0), new Sub(52, "unmetered|Unmetered", 1))),
            // added to the group after most services were ordered: many services have no row for it
            new Option(6, 1, "snapshots|Snapshots", "1", 0, 0,
                    List.of(new Sub(62, "2|2 Snapshots", 1), new Sub(61, "0|None", 0))),
            new Option(7, 2, "RAM", "4", 1, 64, List.of(new Sub(71, "1 GB", 0))),
            new Option(8, 2, "vCPU|Virtual CPUs", "4", 1, 16, List.of(new Sub(81, "vCPU", 0))),
            new Option(9, 2, "Storage", "1", 0, 0,
                    List.of(new Sub(91, "50 GB", 0), new Sub(92, "100 GB", 1), new Sub(93, "1 TB", 2))),
            new Option(10, 2, "ipv6|IPv6 Addresses", "4", 0, 16, List.of(new Sub(101, "Address", 0))),
            new Option(11, 2, "os|Système d'exploitation", "2", 0, 0,
                    List.of(new Sub(111, "linux|Linux", 0), new Sub(112, "windows|Windows (licence incluse)", 1))),
            new Option(12, 3, "Memory", "1", 0, 0,
                    List.of(new Sub(121, "512 MB", 0), new Sub(122, "1024", 1), new Sub(123, "2 GB", 2))),
            new Option(13, 3, "Disk", "2", 0, 0, List.of(new Sub(131, "20", 0), new Sub(132, "40 GB", 1))),
            new Option(14, 3, "Cores", "1", 0, 0, List.of(new Sub(141, "1", 0), new Sub(142, "2", 1))),
            new Option(15, 3, "ddos|DDoS Protection", "3", 0, 0, List.of(new Sub(151, "Yes", 0))));

    /** Config group per product (products 4 and 5 have none). */
    static final Map<Integer, Integer> GROUP_OF_PRODUCT = Map.of(PRODUCT_STANDARD, 1, PRODUCT_FLEX, 2,
            PRODUCT_CLASSIC, 3);

    /** Product custom field ids per product: image, location, vmid, node, root password, notes. */
    static final Map<Integer, int[]> PRODUCT_FIELDS = Map.of(
            PRODUCT_STANDARD, new int[] {1, 2, 3, 4, 5, 6},
            PRODUCT_FLEX, new int[] {7, 8, 9, 10, 11, 12},
            PRODUCT_CLASSIC, new int[] {13, 14, 15, 16, 17, 18},
            PRODUCT_BARE, new int[] {19, 20, 21, 22, 23, 24});
    static final int FIELD_IMAGE = 0;
    static final int FIELD_LOCATION = 1;
    static final int FIELD_VMID = 2;
    static final int FIELD_NODE = 3;
    static final int FIELD_ROOT_PASSWORD = 4;
    static final int FIELD_NOTES = 5;
    /** The shared hosting product's only custom field. */
    static final int FIELD_SHARED_NOTE = 25;
    /** Client custom fields: VAT number (text), referral (dropdown, pipe name), phone PIN (password). */
    static final int FIELD_CLIENT_VAT = 26;
    static final int FIELD_CLIENT_REFERRAL = 27;
    static final int FIELD_CLIENT_PIN = 28;

    static final List<String> IMAGES = List.of("ubuntu-24.04", "debian-12", "rocky-9", "windows-2022");
    static final List<String> LOCATIONS = List.of("Frankfurt", "Amsterdam", "Zürich", "São Paulo");
    static final int CURRENCIES = 4;

    private SeedCatalogue() {
    }

    static void load(Connection c) throws SQLException {
        try (SqlBulkInsert ins = new SqlBulkInsert(c, "tblcurrencies",
                List.of("id", "code", "prefix", "suffix", "format", "rate", "default"), 100)) {
            ins.row(1, "USD", "$", " USD", 2, "1.00000", 1);
            ins.row(2, "EUR", "€", " EUR", 3, "0.92000", 0);
            ins.row(3, "GBP", "£", " GBP", 1, "0.79000", 0);
            ins.row(4, "JPY", "¥", " JPY", 1, "151.20000", 0);
        }
        try (SqlBulkInsert ins = new SqlBulkInsert(c, "tblservers",
                List.of("id", "name", "ipaddress", "hostname", "type", "username", "password", "accesshash", "secure",
                        "port", "maxaccounts", "active", "disabled"), 100)) {
            ins.row(1, "pve1", "192.0.2.11", "pve1.example.net", "proxmox", "root@pam", "ENC:cHZlMS1zZWNyZXQ=", "",
                    "on", 8006, 0, 1, 0);
            ins.row(2, "pve2", "192.0.2.12", "pve2.example.net", "proxmox", "root@pam", "ENC:cHZlMi1zZWNyZXQ=", "",
                    "on", 8006, 0, 0, 0);
            ins.row(3, "web-legacy", "192.0.2.20", "web.example.net", "cpanel", "root", "ENC:d2ViLXNlY3JldA==", "",
                    "on", 2087, 500, 1, 1);
        }
        try (SqlBulkInsert ins = new SqlBulkInsert(c, "tblproductgroups",
                List.of("id", "name", "slug", "orderfrmtpl", "disabledgateways", "hidden", "order"), 100)) {
            ins.row(1, "Cloud VPS", "cloud-vps", "standard_cart", "", 0, 1);
            ins.row(2, "Web Hosting", "web-hosting", "standard_cart", "", 0, 2);
        }
        try (SqlBulkInsert ins = new SqlBulkInsert(c, "tblproducts",
                List.of("id", "type", "gid", "name", "slug", "description", "paytype", "autosetup", "servertype",
                        "servergroup", "configoption1", "configoption2", "configoption3", "order", "retired"), 100)) {
            ins.row(PRODUCT_STANDARD, "server", 1, "VPS Standard", "vps-standard", "KVM VPS", "recurring", "payment",
                    "proxmox", 1, "ubuntu-24.04", "1024", "20", 1, 0);
            ins.row(PRODUCT_FLEX, "server", 1, "VPS Flex", "vps-flex", "Size it yourself", "recurring", "payment",
                    "proxmox", 1, "debian-12", "", "", 2, 0);
            ins.row(PRODUCT_CLASSIC, "server", 1, "VPS Classic (2019)", "vps-classic", "Older plan", "recurring", "",
                    "proxmox", 1, "", "", "", 3, 1);
            ins.row(PRODUCT_SHARED, "hostingaccount", 2, "Shared Starter", "shared-starter", "cPanel hosting",
                    "recurring", "payment", "cpanel", 2, "starter", "", "", 4, 0);
            ins.row(PRODUCT_BARE, "server", 1, "VPS Bare", "vps-bare", "No options", "recurring", "payment", "proxmox",
                    1, "", "", "", 5, 0);
        }
        try (SqlBulkInsert ins = new SqlBulkInsert(c, "tblproductconfiggroups", List.of("id", "name", "description"),
                100)) {
            ins.row(1, "Standard options", "Memory, CPU, disk, extras");
            ins.row(2, "Flex sizing", "Per-unit resources");
            ins.row(3, "Classic", "Options of the 2019 plans");
        }
        try (SqlBulkInsert ins = new SqlBulkInsert(c, "tblproductconfiglinks", List.of("id", "gid", "pid"), 100)) {
            int id = 1;
            for (Map.Entry<Integer, Integer> e : GROUP_OF_PRODUCT.entrySet()) {
                ins.row(id++, e.getValue(), e.getKey());
            }
        }
        try (SqlBulkInsert opt = new SqlBulkInsert(c, "tblproductconfigoptions",
                List.of("id", "gid", "optionname", "optiontype", "qtyminimum", "qtymaximum", "order", "hidden"), 100);
                SqlBulkInsert sub = new SqlBulkInsert(c, "tblproductconfigoptionssub",
                        List.of("id", "configid", "optionname", "sortorder", "hidden"), 100)) {
            for (Option o : OPTIONS) {
                opt.row(o.id(), o.group(), o.name(), o.type(), o.min(), o.max(), o.id(), 0);
                for (Sub s : o.subs()) {
                    sub.row(s.id(), o.id(), s.name(), s.sort(), 0);
                }
            }
        }
        loadCustomFields(c);
        loadPricing(c);
    }

    private static void loadCustomFields(Connection c) throws SQLException {
        try (SqlBulkInsert ins = new SqlBulkInsert(c, "tblcustomfields",
                List.of("id", "type", "relid", "fieldname", "fieldtype", "description", "fieldoptions", "regexpr",
                        "adminonly", "required", "showorder", "showinvoice", "sortorder"), 100)) {
            for (Map.Entry<Integer, int[]> e : PRODUCT_FIELDS.entrySet()) {
                int pid = e.getKey();
                int[] f = e.getValue();
                boolean piped = pid == PRODUCT_FLEX;
                ins.row(f[FIELD_IMAGE], "product", pid, piped ? "OS_Image_Template|Operating system" : "OS_Image_Template",
                        "dropdown", "", String.join(",", IMAGES), "", "", "on", "on", "", 1);
                ins.row(f[FIELD_LOCATION], "product", pid,
                        pid == PRODUCT_STANDARD ? "DataCenter_Location" : "DataCenter_Location|Data centre", "dropdown",
                        "", String.join(",", LOCATIONS), "", "", "on", "on", "", 2);
                ins.row(f[FIELD_VMID], "product", pid, "vmid|VM ID", "text", "", "", "", "on", "", "", "", 3);
                ins.row(f[FIELD_NODE], "product", pid, "node|Proxmox node", "text", "", "", "", "on", "", "", "", 4);
                ins.row(f[FIELD_ROOT_PASSWORD], "product", pid, "root_password|Root password", "password", "", "", "",
                        "", "", "on", "", 5);
                ins.row(f[FIELD_NOTES], "product", pid, "notes|Notes for the admin", "textarea", "", "", "", "", "",
                        "on", "", 6);
            }
            ins.row(FIELD_SHARED_NOTE, "product", PRODUCT_SHARED, "Primary domain note", "text", "", "", "", "", "",
                    "on", "", 1);
            ins.row(FIELD_CLIENT_VAT, "client", 0, "VAT number", "text", "", "", "", "", "", "on", "on", 1);
            ins.row(FIELD_CLIENT_REFERRAL, "client", 0, "referral|How did you hear about us?", "dropdown", "",
                    "Search engine,Friend,Forum", "", "", "", "on", "", 2);
            ins.row(FIELD_CLIENT_PIN, "client", 0, "Phone PIN", "password", "", "", "", "", "", "", "", 3);
        }
    }

    private static void loadPricing(Connection c) throws SQLException {
        try (SqlBulkInsert ins = new SqlBulkInsert(c, "tblpricing",
                List.of("type", "currency", "relid", "msetupfee", "qsetupfee", "ssetupfee", "asetupfee", "bsetupfee",
                        "tsetupfee", "monthly", "quarterly", "semiannually", "annually", "biennially", "triennially"),
                500)) {
            double[] rate = {0, 1.0, 0.92, 0.79, 151.2};
            for (int cur = 1; cur <= CURRENCIES; cur++) {
                for (int pid = 1; pid <= 5; pid++) {
                    double m = (3 + 2 * pid) * rate[cur];
                    ins.row("product", cur, pid, "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", money(m),
                            money(m * 3), money(m * 6), money(m * 11), money(m * 21), "-1.00");
                }
                for (Option o : OPTIONS) {
                    for (Sub s : o.subs()) {
                        double m = (s.sort() + 1) * rate[cur];
                        ins.row("configoptions", cur, s.id(), "0.00", "0.00", "0.00", "0.00", "0.00", "0.00",
                                money(m), money(m * 3), money(m * 6), money(m * 12), money(m * 24), money(m * 36));
                    }
                }
            }
        }
    }

    private static String money(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
