package io.berth.testbed.pve.internal.vm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One guest: its config file (current values, pending changes and pending deletions, as PVE
 * keeps them for a running VM) and its run state. All methods are synchronized on the VM.
 */
public final class Vm {

    private final int vmid;
    private final boolean createdBySimulator;
    private String node;
    private final Map<String, String> config = new LinkedHashMap<>();
    private final Map<String, String> pending = new LinkedHashMap<>();
    private final Set<String> pendingDelete = new LinkedHashSet<>();
    private String status = "stopped";
    private long startedAtMillis;
    private long pid;
    private long agentReadyAtMillis;
    private Map<String, String> bootConfig = Map.of();

    public Vm(int vmid, String node, Map<String, String> config, boolean createdBySimulator) {
        this.vmid = vmid;
        this.node = node;
        this.config.putAll(config);
        this.createdBySimulator = createdBySimulator;
    }

    public int vmid() {
        return vmid;
    }

    /** Whether the simulator made this VM (a clone), as opposed to the seeded templates. */
    public boolean createdBySimulator() {
        return createdBySimulator;
    }

    public synchronized String node() {
        return node;
    }

    public synchronized void moveTo(String newNode) {
        this.node = newNode;
    }

    /** The current values (what {@code current=1} shows). */
    public synchronized Map<String, String> config() {
        return new LinkedHashMap<>(config);
    }

    /** The values with pending changes applied (what GET config shows by default). */
    public synchronized Map<String, String> effectiveConfig() {
        Map<String, String> out = new LinkedHashMap<>(config);
        out.putAll(pending);
        pendingDelete.forEach(out::remove);
        return out;
    }

    public synchronized Map<String, String> pending() {
        return new LinkedHashMap<>(pending);
    }

    public synchronized Set<String> pendingDelete() {
        return new LinkedHashSet<>(pendingDelete);
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(config.get(key));
    }

    /** A value as GET config shows it: pending first, then current, absent if pending deletion. */
    public synchronized Optional<String> effective(String key) {
        if (pendingDelete.contains(key)) {
            return Optional.empty();
        }
        return Optional.ofNullable(pending.containsKey(key) ? pending.get(key) : config.get(key));
    }

    public synchronized void set(String key, String value) {
        config.put(key, value);
        pending.remove(key);
        pendingDelete.remove(key);
    }

    public synchronized void remove(String key) {
        config.remove(key);
        pending.remove(key);
        pendingDelete.remove(key);
    }

    public synchronized void setPending(String key, String value) {
        pendingDelete.remove(key);
        if (value.equals(config.get(key))) {
            pending.remove(key);
        } else {
            pending.put(key, value);
        }
    }

    public synchronized void deletePending(String key) {
        pending.remove(key);
        if (config.containsKey(key)) {
            pendingDelete.add(key);
        }
    }

    /** Applies pending changes (what a stop, start or reboot does). */
    public synchronized void applyPending() {
        config.putAll(pending);
        pendingDelete.forEach(config::remove);
        pending.clear();
        pendingDelete.clear();
    }

    public synchronized void replaceConfig(Map<String, String> newConfig) {
        config.clear();
        config.putAll(newConfig);
        pending.clear();
        pendingDelete.clear();
    }

    /** The config lock ({@code clone}, {@code create}, …), or null. */
    public synchronized String lock() {
        return config.get("lock");
    }

    public synchronized boolean isTemplate() {
        return "1".equals(config.get("template"));
    }

    public synchronized boolean running() {
        return "running".equals(status);
    }

    public synchronized String status() {
        return status;
    }

    /** Starts the VM: what it booted with is what its guest agent will report. */
    public synchronized void markStarted(long nowMillis, long newPid, long agentDelayMillis) {
        status = "running";
        startedAtMillis = nowMillis;
        pid = newPid;
        agentReadyAtMillis = nowMillis + agentDelayMillis;
        bootConfig = new LinkedHashMap<>(config);
    }

    /** A guest-side restart (reboot, reset): the agent is gone until it boots again. */
    public synchronized void markRebooted(long nowMillis, long agentDelayMillis) {
        agentReadyAtMillis = nowMillis + agentDelayMillis;
        bootConfig = new LinkedHashMap<>(config);
    }

    public synchronized void markStopped() {
        status = "stopped";
        startedAtMillis = 0;
        pid = 0;
        agentReadyAtMillis = 0;
    }

    public synchronized RunState runState() {
        return new RunState(status, startedAtMillis, pid, agentReadyAtMillis, Map.copyOf(bootConfig));
    }

    /** The drive keys of the effective config, sorted as PVE iterates them. */
    public synchronized List<String> driveKeys() {
        List<String> keys = new ArrayList<>();
        for (String k : effectiveConfig().keySet()) {
            if (Drive.isDriveKey(k)) {
                keys.add(k);
            }
        }
        keys.sort(null);
        return keys;
    }

    /**
     * A snapshot of the run state.
     *
     * @param status           {@code running} or {@code stopped}
     * @param startedAtMillis  when it started, or 0
     * @param pid              the QEMU process id, or 0
     * @param agentReadyAtMillis from when the guest agent answers
     * @param bootConfig       the config it was started with (cloud-init data of that boot)
     */
    public record RunState(String status, long startedAtMillis, long pid, long agentReadyAtMillis,
                           Map<String, String> bootConfig) {
    }
}
