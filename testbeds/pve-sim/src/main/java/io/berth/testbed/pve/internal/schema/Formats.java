package io.berth.testbed.pve.internal.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named formats of {@code PVE::JSONSchema} ({@code pve-vmid}, {@code dns-name},
 * {@code pve-tag-list}, …) with PVE's own error texts. A {@code -list} suffix checks every
 * element of a comma/semicolon/space separated list, {@code -opt} allows the empty value.
 * Formats this class does not know are accepted, as their rules live in PVE code that the API
 * schema does not carry.
 */
public final class Formats {

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile("^(?:" + OCTET + "\\.){3}" + OCTET + "$");
    private static final Pattern VMID = Pattern.compile("^[1-9][0-9]{2,8}$");
    private static final Pattern NODE = Pattern.compile("^[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?$");
    private static final Pattern STORAGE_ID = Pattern.compile("^[a-z][a-z0-9\\-_.]*[a-z0-9]$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONFIG_ID = Pattern.compile("^[a-z][a-z0-9_-]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DNS_LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?");
    private static final Pattern DNS_NAME = Pattern.compile("^(" + DNS_LABEL + "\\.)*" + DNS_LABEL + "$");
    private static final Pattern URLENCODED = Pattern.compile("^[-%a-zA-Z0-9_.!~*'()]*$");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9_][a-z0-9_\\-+.]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern MAC = Pattern.compile("^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern REALM = Pattern.compile("^[A-Za-z][A-Za-z0-9.\\-_]+$");
    private static final Pattern USERID = Pattern.compile("^[^\\s:/]+@[A-Za-z][A-Za-z0-9.\\-_]+$");
    private static final Pattern POOL_ID = Pattern.compile("^[A-Za-z0-9_\\-]+(?:/[A-Za-z0-9_\\-]+){0,2}$");
    private static final Pattern VOLUME_ID = Pattern.compile("^([a-z][a-z0-9\\-_.]*[a-z0-9]):(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEW_DISK = Pattern.compile("^(([^/:\\s]+):)?(\\d+(\\.\\d+)?)$");
    private static final Pattern DISK_SIZE = Pattern.compile("^(\\d+(\\.\\d+)?)([KMGT])?$");
    private static final Pattern STARTUP_PART = Pattern.compile("^((order=)?\\d+|up=\\d+|down=\\d+)$");
    private static final Pattern CIDR = Pattern.compile("^(.+)/(\\d+)$");
    private static final Pattern LIST_SPLIT = Pattern.compile("[,;\\s\\x00]+");
    private static final Pattern SUFFIX = Pattern.compile("^(.*?)(?:-(list|opt))?$");

    /** Property-string formats that PVE registers by name (the API schema only shows the name). */
    private final Map<String, Map<String, Schema>> hashFormats = Map.of("pve-qm-ipconfig", ipconfigFormat());

    /** The keys of a named property-string format, or null when the name is not one. */
    public Map<String, Schema> hashFormat(String name) {
        return hashFormats.get(name);
    }

    /** Checks {@code value} against the named format; throws with PVE's message when it fails. */
    public void check(String format, String value) throws FormatException {
        if (format.equals("regex") || format.equals("string")) {
            return;
        }
        Matcher m = SUFFIX.matcher(format);
        m.matches();
        String name = m.group(1);
        String kind = m.group(2);
        if ("list".equals(kind) && isKnown(name)) {
            for (String element : splitList(value)) {
                checkSingle(name, element);
            }
        } else if ("opt".equals(kind) && isKnown(name)) {
            if (!value.isEmpty()) {
                checkSingle(name, value);
            }
        } else {
            checkSingle(format, value);
        }
    }

    /** {@code PVE::Tools::split_list}. */
    public static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        for (String part : LIST_SPLIT.split(text.trim())) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    private boolean isKnown(String name) {
        return switch (name) {
            case "pve-vmid", "pve-node", "pve-storage-id", "pve-configid", "dns-name", "urlencoded", "pve-tag",
                 "ipv4", "ipv6", "ip", "CIDRv4", "CIDRv6", "CIDR", "address", "mac-addr", "pve-realm",
                 "pve-userid", "pve-poolid", "pve-volume-id", "disk-size", "pve-startup-order",
                 "pve-ipv4-config", "pve-ipv6-config", "pve-volume-id-or-qm-path", "email" -> true;
            default -> false;
        };
    }

    private void checkSingle(String name, String v) throws FormatException {
        switch (name) {
            case "pve-vmid" -> require(VMID.matcher(v).matches(), "value does not look like a valid VM ID");
            case "pve-node" -> require(NODE.matcher(v).matches(), "value does not look like a valid node name");
            case "pve-storage-id" -> require(STORAGE_ID.matcher(v).matches(), "storage ID '" + v + "' contains illegal characters");
            case "pve-configid" -> require(CONFIG_ID.matcher(v).matches(), "invalid configuration ID '" + v + "'");
            case "dns-name" -> require(DNS_NAME.matcher(v).matches(), "value does not look like a valid DNS name");
            case "urlencoded" -> require(URLENCODED.matcher(v).matches(), "invalid urlencoded string: " + v);
            case "pve-tag" -> require(TAG.matcher(v).matches(), "invalid characters in tag");
            case "ipv4" -> require(isIpv4(v), "value does not look like a valid IPv4 address");
            case "ipv6" -> require(isIpv6(v), "value does not look like a valid IPv6 address");
            case "ip" -> require(isIpv4(v) || isIpv6(v), "value does not look like a valid IP address");
            case "CIDRv4" -> require(isCidr(v, false), "value does not look like a valid IPv4 CIDR network");
            case "CIDRv6" -> require(isCidr(v, true), "value does not look like a valid IPv6 CIDR network");
            case "CIDR" -> require(isCidr(v, false) || isCidr(v, true), "value does not look like a valid CIDR network");
            case "address" -> require(isIpv4(v) || isIpv6(v) || DNS_NAME.matcher(v).matches(),
                    "value does not look like a valid address: " + v);
            case "mac-addr" -> require(MAC.matcher(v).matches(), "value does not look like a valid unicast MAC address");
            case "pve-realm" -> require(REALM.matcher(v).matches(), "value '" + v + "' does not look like a valid realm");
            case "pve-userid" -> require(USERID.matcher(v).matches(), "value '" + v + "' does not look like a valid user name");
            case "pve-poolid" -> require(POOL_ID.matcher(v).matches(), "invalid pool ID '" + v + "'");
            case "pve-volume-id" -> require(VOLUME_ID.matcher(v).matches(), "unable to parse volume ID '" + v + "'");
            case "pve-volume-id-or-qm-path" -> require(v.equals("none") || v.equals("cdrom") || v.startsWith("/")
                    || VOLUME_ID.matcher(v).matches() || NEW_DISK.matcher(v).matches(),
                    "invalid path: " + v);
            case "disk-size" -> require(DISK_SIZE.matcher(v).matches(), "value does not look like a valid disk size: " + v);
            case "pve-startup-order" -> require(isStartupOrder(v), "unable to parse startup options");
            case "pve-ipv4-config" -> require(v.equals("dhcp") || v.equals("manual") || isCidr(v, false),
                    "value does not look like a valid ipv4 network configuration");
            case "pve-ipv6-config" -> require(v.equals("auto") || v.equals("dhcp") || v.equals("manual") || isCidr(v, true),
                    "value does not look like a valid ipv6 network configuration");
            case "email" -> require(v.matches("^[^\\s@]+@[^\\s@]+$"), "value does not look like a valid email address");
            default -> {
                // unknown to the simulator: PVE checks it in code the schema does not carry
            }
        }
    }

    private static void require(boolean ok, String message) throws FormatException {
        if (!ok) {
            throw new FormatException(message);
        }
    }

    public static boolean isIpv4(String v) {
        return IPV4.matcher(v).matches();
    }

    public static boolean isIpv6(String v) {
        if (v.isEmpty() || !v.contains(":")) {
            return false;
        }
        String head = v;
        int groupsForV4 = 0;
        int lastColon = v.lastIndexOf(':');
        if (v.indexOf('.', lastColon) > 0) {
            if (!isIpv4(v.substring(lastColon + 1))) {
                return false;
            }
            head = v.substring(0, lastColon + 1) + "0";
            groupsForV4 = 1;
        }
        int dc = head.indexOf("::");
        if (dc >= 0 && head.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        List<String> groups = new ArrayList<>();
        if (dc >= 0) {
            String left = head.substring(0, dc);
            String right = head.substring(dc + 2);
            if (!left.isEmpty()) groups.addAll(List.of(left.split(":", -1)));
            if (!right.isEmpty()) groups.addAll(List.of(right.split(":", -1)));
            if (groups.size() + groupsForV4 > 7) return false;
        } else {
            groups.addAll(List.of(head.split(":", -1)));
            if (groups.size() + groupsForV4 != 8) return false;
        }
        for (String g : groups) {
            if (!g.matches("[0-9a-fA-F]{1,4}")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCidr(String v, boolean v6) {
        Matcher m = CIDR.matcher(v);
        if (!m.matches() || m.group(2).length() > 3) {
            return false;
        }
        int bits = Integer.parseInt(m.group(2));
        return v6 ? isIpv6(m.group(1)) && bits > 7 && bits <= 128
                : isIpv4(m.group(1)) && bits > 7 && bits <= 32;
    }

    private static boolean isStartupOrder(String v) {
        boolean any = false;
        for (String part : v.split(",")) {
            if (part.isBlank()) continue;
            if (!STARTUP_PART.matcher(part).matches()) return false;
            any = true;
        }
        return any;
    }

    private static Map<String, Schema> ipconfigFormat() {
        Map<String, Schema> keys = new LinkedHashMap<>();
        keys.put("ip", Schema.builder("string").optional().format("pve-ipv4-config").build());
        keys.put("gw", Schema.builder("string").optional().format("ipv4").build());
        keys.put("ip6", Schema.builder("string").optional().format("pve-ipv6-config").build());
        keys.put("gw6", Schema.builder("string").optional().format("ipv6").build());
        return keys;
    }
}
