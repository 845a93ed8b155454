package io.berth.migrator.whmcs.internal;

import io.berth.migrator.whmcs.internal.Catalogue.FieldDef;
import io.berth.migrator.whmcs.internal.Catalogue.OptionDef;
import io.berth.migrator.whmcs.internal.Catalogue.Product;
import io.berth.migrator.whmcs.internal.Catalogue.SubOption;
import io.berth.migrator.whmcs.internal.Catalogue.WhmcsServer;
import io.berth.migrator.whmcs.internal.WhmcsService.OptionRow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A small WHMCS catalogue for unit tests: one product per option style. */
final class TestCatalogue {

    static final int VPS = 1;
    static final int FLEX = 2;
    static final int BARE = 5;
    static final UUID UBUNTU = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID SMALL_PLAN = UUID.fromString("00000000-0000-0000-0000-0000000000b1");

    private TestCatalogue() {
    }

    static Catalogue catalogue() {
        Map<Integer, OptionDef> options = Map.of(
                1, option(1, 1, "memory|Memory", "1", 0, sub(11, "1024|1 GB", 0), sub(13, "4096|4 GB", 2),
                        sub(12, "2048|2 GB", 1)),
                2, option(2, 1, "cpu|CPU Cores", "2", 0, sub(21, "1|1 vCPU", 0), sub(22, "2|2 vCPU", 1)),
                3, option(3, 1, "disk|Disk Space", "4", 10, sub(31, "GB", 0)),
                4, option(4, 1, "backups|Automatic Backups", "3", 0, sub(41, "Enabled", 0)),
                5, option(5, 1, "bandwidth|Monthly Traffic", "1", 0, sub(51, "1000|1 TB", 0)),
                7, option(7, 2, "RAM", "4", 1, sub(71, "1 GB", 0)),
                8, option(8, 2, "vCPU|Virtual CPUs", "4", 1, sub(81, "vCPU", 0)),
                9, option(9, 2, "Storage", "1", 0, sub(91, "50 GB", 0), sub(93, "1 TB", 2)),
                12, option(12, 3, "Memory", "1", 0, sub(121, "512 MB", 0)));
        Map<Integer, FieldDef> fields = Map.of(
                1, new FieldDef(1, "product", VPS, PipeName.parse("OS_Image_Template"), "dropdown"),
                2, new FieldDef(2, "product", VPS, PipeName.parse("DataCenter_Location|Data centre"), "dropdown"),
                3, new FieldDef(3, "product", VPS, PipeName.parse("vmid|VM ID"), "text"),
                4, new FieldDef(4, "product", VPS, PipeName.parse("node|Node"), "text"),
                5, new FieldDef(5, "product", VPS, PipeName.parse("root_password|Root password"), "password"),
                6, new FieldDef(6, "product", VPS, PipeName.parse("notes|Notes"), "textarea"),
                7, new FieldDef(7, "product", FLEX, PipeName.parse("OS_Image_Template|Operating system"), "dropdown"),
                26, new FieldDef(26, "client", 0, PipeName.parse("VAT number"), "text"),
                28, new FieldDef(28, "client", 0, PipeName.parse("Phone PIN"), "password"));
        return new Catalogue(
                Map.of(VPS, new Product(VPS, "VPS Standard", "server", "proxmox"),
                        FLEX, new Product(FLEX, "VPS Flex", "server", "proxmox"),
                        BARE, new Product(BARE, "VPS Bare", "server", "proxmox")),
                Map.of(VPS, Set.of(1), FLEX, Set.of(2)), options, fields,
                Map.of(1, new WhmcsServer(1, "pve1", "pve1.example.net", "proxmox")));
    }

    static TargetCatalogue berth() {
        return new TargetCatalogue(List.of(new TargetCatalogue.Image(UBUNTU, "Ubuntu 24.04", "ubuntu-24.04")),
                List.of(new TargetCatalogue.Plan(SMALL_PLAN, 1, 1024, 20)));
    }

    static WhmcsService service(int id, int product, String status, List<OptionRow> rows,
            Map<Integer, String> values) {
        return new WhmcsService(id, 1, product, 1, "vps" + id + ".example.net", status, "10.20.1." + id, "", "",
                "2020-01-02", rows, values);
    }

    static OptionRow row(int config, int sub, int qty) {
        return new OptionRow(config, sub, qty);
    }

    private static OptionDef option(int id, int group, String name, String type, int min, SubOption... subs) {
        return new OptionDef(id, group, PipeName.parse(name), type, min, id, List.of(subs));
    }

    private static SubOption sub(int id, String name, int sort) {
        return new SubOption(id, PipeName.parse(name), sort);
    }
}
