package io.berth.testbed.pve;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of one simulated guest.
 *
 * @param vmid     the VMID
 * @param node     the node its config lives on
 * @param name     the {@code name} option, or null
 * @param status   {@code running} or {@code stopped}
 * @param lock     the config lock ({@code clone} while being cloned), or null
 * @param template whether it is a template
 * @param config   the current config values (as in the config file, strings), sorted by key
 * @param pending  pending changes not yet applied (a running VM's cores, memory, cloud-init, …)
 * @param tags     the tags, split
 */
public record VmView(int vmid, String node, String name, String status, String lock, boolean template,
                     Map<String, String> config, Map<String, String> pending, List<String> tags) {

    public VmView {
        config = Collections.unmodifiableMap(new TreeMap<>(config));
        pending = Collections.unmodifiableMap(new TreeMap<>(pending));
        tags = List.copyOf(tags);
    }
}
