package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.VmSpec.NetworkConfig;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Cloud-init values in the syntax Proxmox VE wants. */
final class CloudInit {

    private CloudInit() {
    }

    /**
     * {@code sshkeys} has the schema format {@code urlencoded}: Proxmox accepts only
     * {@code [-%a-zA-Z0-9_.!~*'()]} in it, so the newline-separated keys are percent-encoded (space as
     * {@code %20}, not {@code +}) and then form-encoded once more as any other parameter.
     */
    static String encodeSshKeys(List<String> keys) {
        String joined = String.join("\n", keys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList());
        return URLEncoder.encode(joined, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The keys of a stored {@code sshkeys} value (percent-decoded; a literal '+' stays a '+'). */
    static List<String> decodeSshKeys(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        String text = URLDecoder.decode(stored.replace("+", "%2B"), StandardCharsets.UTF_8);
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    /** {@code ip=10.0.0.5/24,gw=10.0.0.1}. */
    static String ipConfig(NetworkConfig network) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ip", network.address() + "/" + network.prefixLength());
        if (network.gateway() != null && !network.gateway().isBlank()) {
            values.put("gw", network.gateway());
        }
        return PropertyString.format(values);
    }

    static boolean sameIpConfig(String current, String desired) {
        return PropertyString.parse(current).equals(PropertyString.parse(desired));
    }

    static String nameservers(List<String> servers) {
        return String.join(" ", servers);
    }

    static boolean sameNameservers(String current, List<String> desired) {
        Set<String> have = new TreeSet<>(current == null || current.isBlank() ? List.of()
                : Arrays.asList(current.trim().split("[\\s,;]+")));
        return have.equals(new TreeSet<>(desired));
    }
}
