package io.berth.migrator.whmcs.internal;

import java.util.regex.Pattern;

/**
 * A WHMCS login password hash as Berth stores it. bcrypt ({@code $2y$}, {@code $2a$}, {@code $2b$}) is carried
 * unchanged (Berth verifies it and rehashes at the next login); the legacy {@code md5(salt.password):salt} is
 * carried with a forced reset; anything else (empty, or the reversible encryption of WHMCS before 4.2.1) is
 * not carried at all, and a reset is forced.
 *
 * @param hash what to store in {@code users.password_hash}, or {@code null}
 * @param format {@code bcrypt}, {@code md5-salt}, {@code none} or {@code unknown}
 */
public record PasswordHash(String hash, boolean resetRequired, String format) {

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$");
    private static final Pattern MD5_SALT = Pattern.compile("^[0-9a-fA-F]{32}:[^:\\s]{1,32}$");

    public static PasswordHash of(String stored) {
        String s = stored == null ? "" : stored.strip();
        if (s.isEmpty()) {
            return new PasswordHash(null, true, "none");
        }
        if (BCRYPT.matcher(s).matches()) {
            return new PasswordHash(s, false, "bcrypt");
        }
        if (MD5_SALT.matcher(s).matches()) {
            return new PasswordHash(s, true, "md5-salt");
        }
        return new PasswordHash(null, true, "unknown");
    }
}
