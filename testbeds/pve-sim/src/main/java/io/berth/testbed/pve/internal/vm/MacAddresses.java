package io.berth.testbed.pve.internal.vm;

import java.util.Locale;
import java.util.Random;

/** Random MAC addresses with Proxmox's default prefix {@code BC:24:11} ({@code random_ether_addr}). */
public final class MacAddresses {

    private final Random random;

    public MacAddresses(Random random) {
        this.random = random;
    }

    public String next() {
        return String.format(Locale.ROOT, "BC:24:11:%02X:%02X:%02X", random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    /** The IPv6 link-local address a guest derives from its MAC (EUI-64). */
    public static String linkLocal(String mac) {
        String[] b = mac.toLowerCase(Locale.ROOT).split(":");
        int first = Integer.parseInt(b[0], 16) ^ 0x02;
        return String.format(Locale.ROOT, "fe80::%x:%sff:fe%s:%s",
                (first << 8) | Integer.parseInt(b[1], 16),
                stripZero(b[2]), b[3], stripZero(b[4] + b[5]));
    }

    private static String stripZero(String hex) {
        String s = hex.replaceFirst("^0+", "");
        return s.isEmpty() ? "0" : s;
    }
}
