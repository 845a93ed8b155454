package io.berth.migrator.whmcs.internal;

import java.util.regex.Pattern;

/** IPv4 text ↔ 32-bit number (as {@code ip_pools} and {@code ip_allocations} store them), without DNS. */
public final class IpAddresses {

    private static final Pattern V4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern V6 = Pattern.compile("^[0-9a-fA-F:.]+$");

    private IpAddresses() {
    }

    /** The address as a number, or -1 when the text is no IPv4 address. */
    public static long ipv4(String text) {
        var m = V4.matcher(text.strip());
        if (!m.matches()) {
            return -1;
        }
        long n = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return -1;
            }
            n = (n << 8) | octet;
        }
        return n;
    }

    public static boolean ipv6(String text) {
        String t = text.strip();
        return t.indexOf(':') >= 0 && t.length() <= 45 && V6.matcher(t).matches();
    }

    public static String text(long n) {
        return ((n >> 24) & 255) + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }
}
