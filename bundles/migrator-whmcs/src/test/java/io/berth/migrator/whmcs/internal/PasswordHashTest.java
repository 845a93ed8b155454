package io.berth.migrator.whmcs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private static final String BCRYPT_Y = "$2y$10$abcdefghijklmnopqrstuuJ8VvQk7gq0mZC6tF1V1O0mZ5sYQmI3e";

    @Test
    void bcryptIsCarriedExactly() {
        for (String prefix : new String[] {"$2y$", "$2a$", "$2b$"}) {
            String hash = prefix + BCRYPT_Y.substring(4);
            PasswordHash p = PasswordHash.of(hash);
            assertThat(p.hash()).isEqualTo(hash);
            assertThat(p.resetRequired()).isFalse();
            assertThat(p.format()).isEqualTo("bcrypt");
        }
    }

    @Test
    void legacyMd5SaltIsCarriedWithAForcedReset() {
        PasswordHash p = PasswordHash.of("c2896ab1ced6a239398f4e90af8010da:e93h2");
        assertThat(p.hash()).isEqualTo("c2896ab1ced6a239398f4e90af8010da:e93h2");
        assertThat(p.resetRequired()).isTrue();
        assertThat(p.format()).isEqualTo("md5-salt");
    }

    @Test
    void emptyOrUnknownIsNotCarried() {
        assertThat(PasswordHash.of("")).isEqualTo(new PasswordHash(null, true, "none"));
        assertThat(PasswordHash.of(null)).isEqualTo(new PasswordHash(null, true, "none"));
        // WHMCS before 4.2.1 stored passwords reversibly encrypted: never copy those
        assertThat(PasswordHash.of("OU5XWTxTOzJ8Oi4wQGk7Njo4NzY=")).isEqualTo(new PasswordHash(null, true, "unknown"));
        assertThat(PasswordHash.of("$2y$10$short")).isEqualTo(new PasswordHash(null, true, "unknown"));
    }
}
