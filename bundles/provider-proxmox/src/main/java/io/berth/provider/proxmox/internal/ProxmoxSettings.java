package io.berth.provider.proxmox.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated configuration of one Proxmox VE cluster, built from {@link ProxmoxHypervisor.Config}.
 * Secrets live only in {@link #credentials()}, whose {@code toString} hides them.
 *
 * @param nodes nodes VMs may be placed on; empty means every online node
 * @param storages storages full clones may go to; empty means any with room for VM images
 * @param cloneModes clone mode per template ref ({@code node/vmid} or {@code vmid})
 * @param maxClonesPerNode full clones at once per node, 0 for no limit
 * @param maxClonesPerStorage clones at once onto one node-local storage, 0 for no limit
 * @param maxClonesPerSharedStorage clones at once onto one shared storage, 0 for no limit
 * @param cloneSlotWait how long a clone waits in the calling thread for a free slot before it answers busy
 * @param cloneSlotRetry after how long a clone that found no free slot asks again
 * @param cloneHold after how long a clone slot is considered free even if nobody saw its task end
 * @param stopWait how long {@code delete} waits for a running VM to stop
 * @param taskPoll pause between task status polls when the provider waits itself
 * @param taskWatch time between reads of each busy node's task list for {@code watch}, zero to watch nothing
 * @param bootDisk the disk {@code resizeDisk} grows (e.g. {@code scsi0}); empty to find it from the boot order
 */
record ProxmoxSettings(String id, URI apiUrl, ProxmoxCredentials credentials, String tlsFingerprint, String tlsCaFile,
        List<String> nodes, List<String> storages, int vmidMin, int vmidMax, Map<String, CloneMode> cloneModes,
        CloneMode defaultCloneMode, int maxClonesPerNode, int maxClonesPerStorage, int maxClonesPerSharedStorage,
        Duration cloneSlotWait, Duration cloneSlotRetry, Duration cloneHold, Duration connectTimeout, Duration requestTimeout, Duration agentTimeout, int retries,
        Duration stopWait, Duration taskPoll, Duration taskWatch, String bootDisk) {

    static final int VMID_LOWEST = 100;
    static final int VMID_HIGHEST = 999_999_999;

    ProxmoxSettings {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("berth.hypervisor.id is required (e.g. pve-main)");
        }
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(credentials, "credentials");
        nodes = List.copyOf(nodes);
        storages = List.copyOf(storages);
        cloneModes = Map.copyOf(cloneModes);
        if (vmidMin < VMID_LOWEST || vmidMax > VMID_HIGHEST || vmidMin > vmidMax) {
            throw new IllegalArgumentException("VM id range must lie within " + VMID_LOWEST + ".." + VMID_HIGHEST
                    + " with min <= max, was " + vmidMin + ".." + vmidMax);
        }
        if (defaultCloneMode == null) {
            defaultCloneMode = CloneMode.SPEC;
        }
        bootDisk = bootDisk == null ? "" : bootDisk.trim();
    }

    static ProxmoxSettings from(ProxmoxHypervisor.Config config) {
        return new ProxmoxSettings(
                trim(config.berth_hypervisor_id()),
                apiUrl(config.api_url()),
                ProxmoxCredentials.of(config.token_id(), config._token_secret(), config.username(), config._password()),
                trim(config.tls_fingerprint_sha256()),
                trim(config.tls_ca_file()),
                list(config.nodes()),
                list(config.storages()),
                config.vmid_min(),
                config.vmid_max(),
                cloneModes(config.clone_modes()),
                blank(config.clone_mode_default()) ? CloneMode.SPEC : CloneMode.parse(config.clone_mode_default()),
                config.clone_max_per_node(),
                config.clone_max_per_storage(),
                config.clone_max_per_shared_storage(),
                Duration.ofMillis(Math.max(0, config.clone_slot_wait_ms())),
                Duration.ofMillis(positive(config.clone_slot_retry_ms(), "clone.slot.retry.ms")),
                Duration.ofSeconds(positive(config.clone_timeout_seconds(), "clone.timeout.seconds")),
                Duration.ofSeconds(positive(config.connect_timeout_seconds(), "connect.timeout.seconds")),
                Duration.ofSeconds(positive(config.request_timeout_seconds(), "request.timeout.seconds")),
                Duration.ofSeconds(positive(config.agent_timeout_seconds(), "agent.timeout.seconds")),
                Math.max(0, config.http_retries()),
                Duration.ofSeconds(positive(config.stop_wait_seconds(), "stop.wait.seconds")),
                Duration.ofMillis(positive(config.task_poll_ms(), "task.poll.ms")),
                Duration.ofMillis(Math.max(0, config.task_watch_ms())),
                config.boot_disk());
    }

    /**
     * The clone mode for a template: an entry for the template in {@code clone.modes} wins, then
     * {@code clone.mode.default}; {@code spec} defers to the image's own choice.
     */
    boolean linked(TemplateRef template, boolean specLinked) {
        CloneMode mode = cloneModes.get(template.toString());
        if (mode == null) {
            mode = cloneModes.get(String.valueOf(template.vmid()));
        }
        if (mode == null) {
            mode = defaultCloneMode;
        }
        return mode == CloneMode.SPEC ? specLinked : mode == CloneMode.LINKED;
    }

    ProxmoxCloneSlots.Limits cloneLimits() {
        return new ProxmoxCloneSlots.Limits(maxClonesPerNode, maxClonesPerStorage, maxClonesPerSharedStorage);
    }

    boolean nodeAllowed(String node) {
        return nodes.isEmpty() || nodes.contains(node);
    }

    boolean storageAllowed(String storage) {
        return storages.isEmpty() || storages.contains(storage);
    }

    static URI apiUrl(String text) {
        if (blank(text)) {
            throw new IllegalArgumentException("api.url is required, e.g. https://pve1.example.com:8006");
        }
        String url = text.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (!url.endsWith("/api2/json")) {
            url = url + "/api2/json";
        }
        URI uri = URI.create(url);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("api.url must be an https:// URL, was " + text);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("api.url has no host: " + text);
        }
        return uri;
    }

    static Map<String, CloneMode> cloneModes(String[] entries) {
        Map<String, CloneMode> modes = new LinkedHashMap<>();
        for (String entry : list(entries)) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("clone.modes entries look like 'pve1/9000=linked', was '" + entry + "'");
            }
            TemplateRef ref = TemplateRef.parse(entry.substring(0, eq));
            modes.put(ref.toString(), CloneMode.parse(entry.substring(eq + 1)));
        }
        return modes;
    }

    static List<String> list(String[] values) {
        if (values == null) {
            return List.of();
        }
        // Felix web console and .config files may deliver one comma-separated string
        return Arrays.stream(values).filter(Objects::nonNull).flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
