package io.berth.migrator.whmcs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingFileTest {

    @Test
    void builtInNamesCoverTheUsualSpellings() {
        MappingFile m = MappingFile.builtIn();
        for (String cpu : new String[] {"CPU", "Cores", "vCPU|Virtual CPUs", "cpu_cores"}) {
            assertThat(m.target(PipeName.parse(cpu))).as(cpu).isEqualTo(Target.CPU_CORES);
        }
        for (String ram : new String[] {"RAM", "memory|Memory", "Memory"}) {
            assertThat(m.target(PipeName.parse(ram))).as(ram).isEqualTo(Target.MEMORY_MB);
        }
        for (String disk : new String[] {"Disk", "Storage", "Disk Space", "disk_space|Disk"}) {
            assertThat(m.target(PipeName.parse(disk))).as(disk).isEqualTo(Target.DISK_GB);
        }
        assertThat(m.target(PipeName.parse("OS_Image_Template"))).isEqualTo(Target.IMAGE);
        assertThat(m.target(PipeName.parse("DataCenter_Location|Where"))).isEqualTo(Target.LOCATION);
        assertThat(m.target(PipeName.parse("backups|Backups"))).isEqualTo(Target.ATTRIBUTE);
    }

    @Test
    void fileOverridesEntryByEntry(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mapping.json");
        Files.writeString(f, """
                {"names": {"Guaranteed RAM": "attribute", "Burst|Burst memory": "memory_mb"},
                 "bare_units": {"disk_gb": "MB"}, "defaults": {"disk_gb": 30},
                 "products": {"7": {"cpu_cores": 3}}, "default_hypervisor": "pve"}
                """);
        MappingFile m = MappingFile.load(f);
        assertThat(m.target(PipeName.parse("guaranteed ram"))).isEqualTo(Target.ATTRIBUTE);
        assertThat(m.target(PipeName.parse("burst"))).isEqualTo(Target.MEMORY_MB);
        assertThat(m.target(PipeName.parse("RAM"))).isEqualTo(Target.MEMORY_MB);
        assertThat(m.bareUnit(Target.DISK_GB)).isEqualTo("MB");
        assertThat(m.defaults()).containsEntry(Target.DISK_GB, 30).containsEntry(Target.MEMORY_MB, 1024);
        assertThat(m.product(7, "whatever")).isEqualTo(Map.of(Target.CPU_CORES, 3));
        assertThat(m.defaultHypervisor()).isEqualTo("pve");
    }

    @Test
    void mistakesAreNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"names\": {\"x\": \"gpu\"}}");
        assertThatThrownBy(() -> MappingFile.load(f)).hasMessageContaining("unknown target 'gpu'");
        Files.writeString(f, "{\"nmaes\": {}}");
        assertThatThrownBy(() -> MappingFile.load(f)).hasMessageContaining("unknown key 'nmaes'");
        Files.writeString(f, "{\"defaults\": {\"memory_mb\": -1}}");
        assertThatThrownBy(() -> MappingFile.load(f)).hasMessageContaining("positive");
        Files.writeString(f, "not json");
        assertThatThrownBy(() -> MappingFile.load(f)).hasMessageContaining("cannot read the mapping file");
    }
}
