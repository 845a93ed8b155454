package io.berth.migrator.whmcs.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint stored in {@code import_mappings}: for each part of a record (e.g. a user's profile, status and
 * password) the first 16 hex digits of the SHA-256 of its canonical text, concatenated (at most 4 parts, 64
 * characters). Comparing part by part tells which group of columns changed in WHMCS, so that a re-run updates
 * only those and leaves what Berth changed since (a password rehashed at login, a status) alone.
 */
public final class Fingerprint {

    private static final int HEX = 16;

    private final String value;

    private Fingerprint(List<String> parts) {
        if (parts.isEmpty() || parts.size() > 4) {
            throw new IllegalArgumentException("1 to 4 parts");
        }
        StringBuilder sb = new StringBuilder(HEX * parts.size());
        for (String p : parts) {
            sb.append(digest(p));
        }
        this.value = sb.toString();
    }

    public static Fingerprint of(String... parts) {
        return new Fingerprint(List.of(parts));
    }

    /** Canonical text of one part: the values joined with a separator that does not occur in them. */
    public static String part(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(v == null ? "\u0000" : v.toString()).append('\u0001');
        }
        return sb.toString();
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    /** Whether part {@code i} differs from the stored fingerprint (everything differs from one of another shape). */
    public boolean changed(String stored, int i) {
        if (stored == null || stored.length() != value.length()) {
            return true;
        }
        return !value.regionMatches(i * HEX, stored, i * HEX, HEX);
    }

    /** Whether part {@code i} of a stored fingerprint of {@code parts} parts is the digest of {@code text}. */
    public static boolean partIs(String stored, int i, int parts, String text) {
        return stored != null && stored.length() == parts * HEX && stored.regionMatches(i * HEX, digest(text), 0, HEX);
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, HEX / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
