package io.berth.migrator.whmcs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipeNameTest {

    @Test
    void splitsOnTheFirstPipe() {
        assertThat(PipeName.parse("memory|Memory (GB)")).isEqualTo(new PipeName("memory", "Memory (GB)"));
        assertThat(PipeName.parse("4096|4 GB")).isEqualTo(new PipeName("4096", "4 GB"));
        assertThat(PipeName.parse(" a | b | c ")).isEqualTo(new PipeName("a", "b | c"));
    }

    @Test
    void withoutPipeBothPartsAreTheName() {
        assertThat(PipeName.parse("RAM")).isEqualTo(new PipeName("RAM", "RAM"));
        assertThat(PipeName.parse("disk|")).isEqualTo(new PipeName("disk", "disk"));
        assertThat(PipeName.parse(null)).isEqualTo(new PipeName("", ""));
    }

    @Test
    void keyIgnoresCaseBlanksUnderscoresAndHyphens() {
        assertThat(PipeName.parse("OS_Image_Template|Operating system").key()).isEqualTo("os image template");
        assertThat(PipeName.parse("Disk-Space").key()).isEqualTo("disk space");
        assertThat(PipeName.parse("DataCenter_Location").key()).isEqualTo("datacenter location");
    }
}
