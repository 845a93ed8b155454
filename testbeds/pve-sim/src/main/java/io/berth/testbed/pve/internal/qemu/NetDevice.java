package io.berth.testbed.pve.internal.qemu;

import io.berth.testbed.pve.internal.vm.MacAddresses;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits {@code netN} values: the MAC sits after the model ({@code virtio=BC:24:11:…}) or in {@code macaddr=}. */
public final class NetDevice {

    private static final Pattern MODEL_MAC = Pattern.compile("^([A-Za-z0-9_-]+)=([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})");
    private static final Pattern MACADDR = Pattern.compile("(^|,)macaddr=([0-9A-Fa-f:]{17})");
    private static final Pattern BARE_MODEL = Pattern.compile("^(?:model=)?([A-Za-z0-9_-]+)(,|$)");

    private NetDevice() {
    }

    /** The value with a new MAC address (PVE gives every clone new MACs). */
    public static String withMac(String net, String mac) {
        Matcher m = MODEL_MAC.matcher(net);
        if (m.find()) {
            return m.group(1) + "=" + mac + net.substring(m.end());
        }
        Matcher a = MACADDR.matcher(net);
        if (a.find()) {
            return net.substring(0, a.start()) + a.group(1) + "macaddr=" + mac + net.substring(a.end());
        }
        Matcher b = BARE_MODEL.matcher(net);
        if (b.find()) {
            return b.group(1) + "=" + mac + b.group(2) + net.substring(b.end());
        }
        return net;
    }

    /** Adds a MAC when none is given, as {@code print_net(parse_net(…))} does on update. */
    public static String ensureMac(String net, MacAddresses macs) {
        if (MODEL_MAC.matcher(net).find() || MACADDR.matcher(net).find()) {
            return net;
        }
        return withMac(net, macs.next());
    }
}
