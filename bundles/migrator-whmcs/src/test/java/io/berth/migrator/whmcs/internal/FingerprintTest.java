package io.berth.migrator.whmcs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void tellsWhichPartChanged() {
        Fingerprint before = Fingerprint.of(Fingerprint.part("a", 1), Fingerprint.part("b"), Fingerprint.part("c"));
        Fingerprint after = Fingerprint.of(Fingerprint.part("a", 1), Fingerprint.part("B"), Fingerprint.part("c"));
        assertThat(before.value()).hasSize(48);
        assertThat(after.changed(before.value(), 0)).isFalse();
        assertThat(after.changed(before.value(), 1)).isTrue();
        assertThat(after.changed(before.value(), 2)).isFalse();
        assertThat(after.changed("something else", 0)).isTrue();
        assertThat(after.changed(null, 2)).isTrue();
    }

    @Test
    void nullDiffersFromTheTextNull() {
        assertThat(Fingerprint.of(Fingerprint.part((Object) null)).value())
                .isNotEqualTo(Fingerprint.of(Fingerprint.part("null")).value());
    }
}
