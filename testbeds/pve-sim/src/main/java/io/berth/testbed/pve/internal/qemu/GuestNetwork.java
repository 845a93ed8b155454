package io.berth.testbed.pve.internal.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.internal.vm.MacAddresses;
import io.berth.testbed.pve.internal.vm.Vm;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code guest-network-get-interfaces} returns inside a simulated guest: {@code lo} and one
 * {@code ethN} per {@code netN}, with the MAC from the config and the addresses cloud-init
 * configured at the last boot ({@code ipconfigN}: a static address as given, {@code dhcp} a
 * lease derived from the VMID), plus the IPv6 link-local address.
 */
public final class GuestNetwork {

    private static final Pattern NET_KEY = Pattern.compile("^net(\\d+)$");
    private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})");

    private final ObjectMapper json;

    public GuestNetwork(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode interfaces(int vmid, Vm.RunState run) {
        ArrayNode result = json.createArrayNode();
        ObjectNode lo = result.addObject();
        lo.put("name", "lo");
        lo.put("hardware-address", "00:00:00:00:00:00");
        ArrayNode loAddrs = lo.putArray("ip-addresses");
        address(loAddrs, "ipv4", "127.0.0.1", 8);
        address(loAddrs, "ipv6", "::1", 128);
        statistics(lo, 0);
        Map<Integer, String> nets = new TreeMap<>();
        run.bootConfig().forEach((k, v) -> {
            Matcher m = NET_KEY.matcher(k);
            if (m.matches()) {
                nets.put(Integer.parseInt(m.group(1)), v);
            }
        });
        nets.forEach((n, net) -> {
            Matcher mac = MAC.matcher(net);
            if (!mac.find()) {
                return;
            }
            String hw = mac.group(1).toLowerCase(Locale.ROOT);
            ObjectNode nic = result.addObject();
            nic.put("name", "eth" + n);
            nic.put("hardware-address", hw);
            ArrayNode addrs = nic.putArray("ip-addresses");
            Map<String, String> ipconfig = ipconfig(run.bootConfig().get("ipconfig" + n), n == 0 && hasCloudInit(run));
            String ip = ipconfig.get("ip");
            if ("dhcp".equals(ip)) {
                address(addrs, "ipv4", dhcpLease(vmid, n), 24);
            } else if (ip != null && ip.contains("/")) {
                address(addrs, "ipv4", ip.substring(0, ip.indexOf('/')), Integer.parseInt(ip.substring(ip.indexOf('/') + 1)));
            }
            String ip6 = ipconfig.get("ip6");
            if (ip6 != null && ip6.contains("/")) {
                address(addrs, "ipv6", ip6.substring(0, ip6.indexOf('/')), Integer.parseInt(ip6.substring(ip6.indexOf('/') + 1)));
            }
            address(addrs, "ipv6", MacAddresses.linkLocal(hw), 64);
            statistics(nic, vmid + n);
        });
        ObjectNode out = json.createObjectNode();
        out.set("result", result);
        return out;
    }

    private static boolean hasCloudInit(Vm.RunState run) {
        return run.bootConfig().values().stream().anyMatch(v -> v.contains("cloudinit"));
    }

    /** Cloud-init defaults to DHCP on the first NIC when nothing is configured. */
    private static Map<String, String> ipconfig(String value, boolean defaultDhcp) {
        Map<String, String> out = new TreeMap<>();
        if (value == null) {
            if (defaultDhcp) {
                out.put("ip", "dhcp");
            }
            return out;
        }
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        if (!out.containsKey("ip") && !out.containsKey("ip6") && defaultDhcp) {
            out.put("ip", "dhcp");
        }
        return out;
    }

    private static String dhcpLease(int vmid, int nic) {
        return "192.168." + (100 + nic) + "." + (2 + Math.floorMod(vmid, 250));
    }

    private static void address(ArrayNode addrs, String type, String ip, int prefix) {
        ObjectNode a = addrs.addObject();
        a.put("ip-address-type", type);
        a.put("ip-address", ip);
        a.put("prefix", prefix);
    }

    private static void statistics(ObjectNode nic, long seed) {
        ObjectNode s = nic.putObject("statistics");
        long base = Math.floorMod(seed * 7919L, 100_000);
        s.put("rx-bytes", base * 31);
        s.put("rx-dropped", 0);
        s.put("rx-errs", 0);
        s.put("rx-packets", base);
        s.put("tx-bytes", base * 17);
        s.put("tx-dropped", 0);
        s.put("tx-errs", 0);
        s.put("tx-packets", base / 2);
    }
}
