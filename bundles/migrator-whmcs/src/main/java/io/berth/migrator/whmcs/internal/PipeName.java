package io.berth.migrator.whmcs.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A WHMCS name in {@code value|Friendly label} form: modules get the part before the first {@code |}, clients
 * see the part after it. Either part may be missing (no pipe: both are the whole name).
 *
 * @param value the part before the first {@code |}, trimmed
 * @param label the part after it, trimmed (equal to {@code value} when there is no pipe)
 */
public record PipeName(String value, String label) {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");

    public static PipeName parse(String raw) {
        String s = raw == null ? "" : raw;
        int bar = s.indexOf('|');
        if (bar < 0) {
            String t = s.strip();
            return new PipeName(t, t);
        }
        String value = s.substring(0, bar).strip();
        String label = s.substring(bar + 1).strip();
        return new PipeName(value, label.isEmpty() ? value : label);
    }

    /** The value part compared case-insensitively, with runs of blanks, {@code _} and {@code -} as one space. */
    public String key() {
        return normalize(value);
    }

    static String normalize(String name) {
        return SEPARATORS.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
    }
}
