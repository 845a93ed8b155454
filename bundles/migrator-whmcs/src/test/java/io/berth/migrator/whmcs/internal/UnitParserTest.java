package io.berth.migrator.whmcs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnitParserTest {

    @ParameterizedTest(name = "memory ''{0}'' = {1} MB")
    @CsvSource(delimiter = ';', value = {
        "4 GB;4096", "4096;4096", "4096 MB;4096", "1 TB;1048576", "4GB;4096", "4;4096", "512 MB;512", "1,5 GB;1536",
        "2 GiB;2048", "Small (2 GB RAM);2048", "128;128", "GB;1024"})
    void memory(String text, int mb) {
        assertThat(UnitParser.quantity(text).flatMap(q -> UnitParser.convert(q, Target.MEMORY_MB, "MB")))
                .contains(mb);
    }

    @ParameterizedTest(name = "disk ''{0}'' = {1} GB")
    @CsvSource(delimiter = ';', value = {"20;20", "40 GB;40", "1 TB;1024", "512 MB;1", "51200 MB;50", "100G;100"})
    void disk(String text, int gb) {
        assertThat(UnitParser.quantity(text).flatMap(q -> UnitParser.convert(q, Target.DISK_GB, "GB"))).contains(gb);
    }

    @ParameterizedTest(name = "cores ''{0}'' = {1}")
    @CsvSource(delimiter = ';', value = {"2;2", "4 vCPU;4", "8 Cores;8", "2 Months;2"})
    void cores(String text, int cores) {
        assertThat(UnitParser.quantity(text).flatMap(q -> UnitParser.convert(q, Target.CPU_CORES, "GB")))
                .contains(cores);
    }

    @Test
    void bareUnitCanBeConfigured() {
        assertThat(UnitParser.quantity("51200").flatMap(q -> UnitParser.convert(q, Target.DISK_GB, "MB")))
                .contains(50);
        assertThat(UnitParser.quantity("8").flatMap(q -> UnitParser.convert(q, Target.MEMORY_MB, "GB")))
                .contains(8192);
    }

    @Test
    void textWithoutNumbersAndZeroGiveNothing() {
        assertThat(UnitParser.quantity("unmetered")).isEmpty();
        assertThat(UnitParser.quantity(null)).isEmpty();
        assertThat(UnitParser.quantity("0 GB").flatMap(q -> UnitParser.convert(q, Target.MEMORY_MB, "MB")))
                .isEqualTo(Optional.empty());
    }
}
