package io.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @Test
    void wellFormedFilesPass(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("io.berth.core.catalog.config"), String.join("\n",
                "# comment", "max_cpu_cores=I\"32\"", "plans=[\"small|1|1024|20\", \"big|8|16384|200\"]",
                "name=\"a \\\"quoted\\\" word\"", "flag=B\"true\"".replace('B', 'Z'), "ratio=D\"0.5\"", ""));
        assertThat(ConfigFiles.check(etc)).isEmpty();
    }

    @Test
    void eachProblemNamesFileLineKeyAndWhatIsWrong(@TempDir Path home) throws Exception {
        Path etc = Files.createDirectory(home.resolve("etc"));
        Files.writeString(etc.resolve("io.berth.core.catalog.config"), String.join("\n",
                "max_cpu_cores=I\"abc\"", "plans=[\"small\"", "name=unquoted", "this is not a line", "ok=Z\"maybe\""));
        assertThat(ConfigFiles.check(etc)).containsExactly(
                "etc/io.berth.core.catalog.config line 1, key 'max_cpu_cores': the value I\"abc\" is not a number of type I",
                "etc/io.berth.core.catalog.config line 2, key 'plans': the list [\"small\" is not closed with ]",
                "etc/io.berth.core.catalog.config line 3, key 'name': the value unquoted is not a quoted string with an"
                        + " optional type letter, e.g. \"text\" or I\"42\"",
                "etc/io.berth.core.catalog.config line 4: expected key=value but found 'this is not a line'",
                "etc/io.berth.core.catalog.config line 5, key 'ok': the value Z\"maybe\" is not a boolean (true or false)");
    }
}
