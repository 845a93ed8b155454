package io.berth.testbed.pve.internal.vm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PVE's disk-size texts: {@code parse_size} ("32G" → bytes) and {@code format_size} (bytes → "32G"). */
public final class SizeFormat {

    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)?)([KMGT])?$");

    private SizeFormat() {
    }

    /** Bytes, or -1 when the text is not a size. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return -1;
        }
        double size = Double.parseDouble(m.group(1));
        String unit = m.group(3);
        if (unit != null) {
            size *= switch (unit) {
                case "K" -> 1024d;
                case "M" -> 1024d * 1024;
                case "G" -> 1024d * 1024 * 1024;
                default -> 1024d * 1024 * 1024 * 1024;
            };
        }
        return (long) size;
    }

    public static String format(long size) {
        long kb = size / 1024;
        if (kb * 1024 != size) {
            return Long.toString(size);
        }
        long mb = kb / 1024;
        if (mb * 1024 != kb) {
            return kb + "K";
        }
        long gb = mb / 1024;
        if (gb * 1024 != mb) {
            return mb + "M";
        }
        long tb = gb / 1024;
        if (tb * 1024 != gb) {
            return gb + "G";
        }
        return tb + "T";
    }
}
