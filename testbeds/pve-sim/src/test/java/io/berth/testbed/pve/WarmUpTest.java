package io.berth.testbed.pve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warm-up runs whole provisionings against a throwaway simulator and leaves nothing behind. */
class WarmUpTest {

    @Test
    void provisionsAgainstAThrowawaySimulator() throws Exception {
        // per provisioning: version, resources (2), storages, nextid (2), clone, config (3), resize, start,
        // task polls and at least one status and agent question
        assertThat(WarmUp.run(3)).isGreaterThanOrEqualTo(3 * 16);
        assertThat(WarmUp.run(0)).isZero();
    }

    @Test
    void theFlagDefaultsToNone() {
        assertThat(Main.parse(new String[0], Map.of()).warmUps()).isZero();
        assertThat(Main.parse(new String[] {"--warm-up", "300"}, Map.of()).warmUps()).isEqualTo(300);
    }
}
