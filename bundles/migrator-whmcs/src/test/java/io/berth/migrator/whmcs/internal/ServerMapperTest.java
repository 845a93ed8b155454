package io.berth.migrator.whmcs.internal;

import static io.berth.migrator.whmcs.internal.TestCatalogue.row;
import static io.berth.migrator.whmcs.internal.TestCatalogue.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.migrator.whmcs.internal.ServerMapper.MappedServer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerMapperTest {

    private final ServerMapper mapper = new ServerMapper(TestCatalogue.catalogue(), MappingFile.builtIn(),
            TestCatalogue.berth());

    @Test
    void dropdownRadioQuantityAndYesNoWithPipes() throws Exception {
        MappedServer m = mapper.map(service(1, TestCatalogue.VPS, "Active",
                List.of(row(1, 13, 0), row(2, 22, 0), row(3, 31, 80), row(4, 41, 1), row(5, 51, 0)),
                Map.of(1, "ubuntu-24.04", 2, "Frankfurt", 3, "101", 4, "pve1", 5, "c2VjcmV0", 6, "Notes ü")));
        ServerRecord s = m.server();
        assertThat(s.memoryMb()).isEqualTo(4096);
        assertThat(s.cpuCores()).isEqualTo(2);
        assertThat(s.diskGb()).isEqualTo(80);
        assertThat(s.imageId()).isEqualTo(TestCatalogue.UBUNTU);
        assertThat(s.location()).isEqualTo("Frankfurt");
        assertThat(s.vmId()).isEqualTo("101");
        assertThat(s.node()).isEqualTo("pve1");
        assertThat(s.ipAddress()).isEqualTo("10.20.1.1");
        assertThat(s.status()).isEqualTo("running");
        assertThat(s.resumeStatus()).isNull();
        assertThat(attributes(s)).isEqualTo(Map.of("backups", "Yes", "bandwidth", "1000", "notes", "Notes ü"));
        assertThat(m.unmapped()).containsExactlyInAnyOrder("option 'backups'", "option 'bandwidth'",
                "custom field 'notes'");
        assertThat(m.notes()).anyMatch(n -> n.contains("root_password") && n.contains("not migrated"));
        assertThat(s.attributes()).doesNotContain("c2VjcmV0");
        assertThat(m.defaulted()).isEmpty();
    }

    @Test
    void quantityOptionsMultiplyByTheirUnit() throws Exception {
        MappedServer m = mapper.map(service(2, TestCatalogue.FLEX, "Suspended",
                List.of(row(7, 71, 8), row(8, 81, 4), row(9, 93, 0)), Map.of(7, "debian-12")));
        ServerRecord s = m.server();
        assertThat(s.memoryMb()).isEqualTo(8192);
        assertThat(s.cpuCores()).isEqualTo(4);
        assertThat(s.diskGb()).isEqualTo(1024);
        assertThat(s.status()).isEqualTo("suspended");
        assertThat(s.resumeStatus()).isEqualTo("running");
        assertThat(s.statusDetail()).startsWith("suspended in WHMCS");
        assertThat(s.imageId()).isNull();
        assertThat(attributes(s)).containsEntry("image", "debian-12");
        assertThat(m.notes()).anyMatch(n -> n.contains("matches no Berth image"));
    }

    @Test
    void missingRowsTakeWhmcsDefaults() {
        MappedServer m = mapper.map(service(3, TestCatalogue.VPS, "Active", List.of(), Map.of()));
        // dropdown/radio: first sub-option by sort order; quantity: the minimum; yes/no: no
        assertThat(m.server().memoryMb()).isEqualTo(1024);
        assertThat(m.server().cpuCores()).isEqualTo(1);
        assertThat(m.server().diskGb()).isEqualTo(10);
        assertThat(m.server().attributes()).contains("\"backups\":\"No\"");
        assertThat(m.notes()).filteredOn(n -> n.startsWith("no row for option")).hasSize(5);
    }

    @Test
    void orphanedRowsAreIgnoredAndNoted() {
        MappedServer m = mapper.map(service(4, TestCatalogue.VPS, "Active",
                List.of(row(99, 0, 3), row(1, 999, 0), row(7, 71, 16), row(3, 31, 40)), Map.of(3, "104", 77, "x")));
        assertThat(m.server().memoryMb()).isEqualTo(1024);
        assertThat(m.server().diskGb()).isEqualTo(40);
        assertThat(m.notes()).anyMatch(n -> n.contains("deleted option 99"))
                .anyMatch(n -> n.contains("deleted sub-option 999"))
                .anyMatch(n -> n.contains("'RAM' is not linked to product"))
                .anyMatch(n -> n.contains("field 77"));
    }

    @Test
    void nothingGivenMeansDefaultsOrProductSizes() throws Exception {
        MappedServer m = mapper.map(service(5, TestCatalogue.BARE, "Active", List.of(), Map.of()));
        assertThat(m.server().cpuCores()).isEqualTo(1);
        assertThat(m.server().memoryMb()).isEqualTo(1024);
        assertThat(m.server().diskGb()).isEqualTo(20);
        assertThat(m.server().planId()).isEqualTo(TestCatalogue.SMALL_PLAN);
        assertThat(m.defaulted()).containsExactly("cpu_cores", "memory_mb", "disk_gb");

        MappingFile mapping = MappingFile.builtIn().with(new ObjectMapper().readTree("""
                {"products": {"VPS Bare": {"cpu_cores": 2, "memory_mb": 2048, "disk_gb": 40}},
                 "names": {"bandwidth": "ignore", "Monthly Traffic": "memory_mb"},
                 "images": {"debian-12": "Ubuntu 24.04"},
                 "hypervisors": {"pve1": "proxmox-main"}}
                """));
        ServerMapper custom = new ServerMapper(TestCatalogue.catalogue(), mapping, TestCatalogue.berth());
        ServerRecord bare = custom.map(service(5, TestCatalogue.BARE, "Active", List.of(), Map.of())).server();
        assertThat(List.of(bare.cpuCores(), bare.memoryMb(), bare.diskGb())).containsExactly(2, 2048, 40);
        assertThat(bare.hypervisorId()).isEqualTo("proxmox-main");
        ServerRecord vps = custom.map(service(1, TestCatalogue.VPS, "Active", List.of(row(5, 51, 0)), Map.of()))
                .server();
        assertThat(vps.attributes()).doesNotContain("bandwidth");
        ServerRecord flex = custom.map(service(2, TestCatalogue.FLEX, "Active", List.of(), Map.of(7, "debian-12")))
                .server();
        assertThat(flex.imageId()).isEqualTo(TestCatalogue.UBUNTU);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(value = {"Active,running", "Suspended,suspended", "Pending,", "Terminated,", "Cancelled,", "Fraud,",
        "Completed,"})
    void eachStatus(String whmcs, String berth) {
        assertThat(ServerMapper.berthStatus(whmcs)).isEqualTo(berth);
    }

    @Test
    void addressesNamesAndZeroDates() throws Exception {
        WhmcsService v6 = new WhmcsService(9, 1, TestCatalogue.BARE, 0, "", "Active", "2001:db8::10",
                "10.0.0.1\n10.0.0.2", "", "0000-00-00", List.of(), Map.of());
        ServerRecord s = mapper.map(v6).server();
        assertThat(s.ipAddress()).isEqualTo("2001:db8::10");
        assertThat(s.name()).isEqualTo("whmcs-9");
        assertThat(s.createdAt()).isNull();
        assertThat(attributes(s)).containsEntry("assigned_ips", "10.0.0.1, 10.0.0.2");
        WhmcsService bad = new WhmcsService(10, 1, TestCatalogue.BARE, 0, "x".repeat(80), "Active", "n/a", "", "",
                "2021-02-03", List.of(), Map.of());
        ServerRecord b = mapper.map(bad).server();
        assertThat(b.ipAddress()).isNull();
        assertThat(attributes(b)).containsEntry("dedicated_ip", "n/a");
        assertThat(b.name()).hasSize(63);
        assertThat(b.createdAt()).isEqualTo(LocalDate.of(2021, 2, 3));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> attributes(ServerRecord s) throws Exception {
        return new ObjectMapper().readValue(s.attributes(), Map.class);
    }
}
