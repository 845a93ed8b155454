package io.berth.core.internal.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes: Argon2id (PHC string format) for everything Berth stores, bcrypt
 * ({@code $2y$}, {@code $2a$}, {@code $2b$}, as WHMCS writes them) verified for migrated users and
 * upgraded at their next login. Legacy {@code md5:salt} hashes never verify: those users must reset.
 */
public final class PasswordHasher {

    private static final Pattern ARGON2ID = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /** OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
    private final int memoryKb;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher() {
        this(19 * 1024, 2, 1);
    }

    public PasswordHasher(int memoryKb, int iterations, int parallelism) {
        this.memoryKb = memoryKb;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, memoryKb, iterations, parallelism, 32);
        return "$argon2id$v=19$m=" + memoryKb + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    public boolean verify(String password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        Matcher argon = ARGON2ID.matcher(stored);
        if (argon.matches()) {
            byte[] expected = B64D.decode(argon.group(5));
            byte[] actual = argon2(password, B64D.decode(argon.group(4)), Integer.parseInt(argon.group(1)),
                    Integer.parseInt(argon.group(2)), Integer.parseInt(argon.group(3)), expected.length);
            return MessageDigest.isEqual(expected, actual);
        }
        if (BCRYPT.matcher(stored).matches()) {
            try {
                return OpenBSDBCrypt.checkPassword(stored, password.toCharArray());
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
        return false;
    }

    /** Whether a hash that verified should be replaced by a current Argon2id hash. */
    public boolean needsRehash(String stored) {
        Matcher argon = ARGON2ID.matcher(stored);
        return !argon.matches() || Integer.parseInt(argon.group(1)) != memoryKb
                || Integer.parseInt(argon.group(2)) != iterations || Integer.parseInt(argon.group(3)) != parallelism;
    }

    /** Whether Berth can verify this hash at all (legacy formats force a password reset). */
    public static boolean verifiable(String stored) {
        return stored != null && (ARGON2ID.matcher(stored).matches() || BCRYPT.matcher(stored).matches());
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKb, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKb)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
