package io.berth.core.internal.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

    @Test
    void argon2idHashesVerifyOnlyTheirPassword() {
        String hash = hasher.hash("correct horse");
        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(hasher.verify("correct horse", hash)).isTrue();
        assertThat(hasher.verify("correct hors", hash)).isFalse();
        assertThat(hasher.hash("correct horse")).isNotEqualTo(hash);
        assertThat(hasher.needsRehash(hash)).isFalse();
        assertThat(new PasswordHasher().needsRehash(hash)).as("weaker parameters are upgraded").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2y", "2a", "2b"})
    void bcryptHashesFromWhmcsVerifyAndAskForARehash(String version) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String bcrypt = OpenBSDBCrypt.generate(version, "old-password".toCharArray(), salt, 10);
        assertThat(bcrypt).startsWith("$" + version + "$10$");
        assertThat(hasher.verify("old-password", bcrypt)).isTrue();
        assertThat(hasher.verify("old-passwore", bcrypt)).isFalse();
        assertThat(hasher.needsRehash(bcrypt)).isTrue();
        assertThat(PasswordHasher.verifiable(bcrypt)).isTrue();
    }

    @Test
    void legacyMd5HashesNeverVerify() {
        String md5 = "5f4dcc3b5aa765d61d8327deb882cf99:ab";
        assertThat(hasher.verify("password", md5)).isFalse();
        assertThat(PasswordHasher.verifiable(md5)).isFalse();
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify(null, hasher.hash("x"))).isFalse();
    }
}
