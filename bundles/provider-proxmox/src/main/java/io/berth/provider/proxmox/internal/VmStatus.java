package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.VmState;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * {@code GET /nodes/{node}/qemu/{vmid}/status/current}: {@code status} is running or stopped,
 * {@code qmpstatus} refines it (paused, suspended, prelaunch), {@code lock} names a config lock.
 */
record VmStatus(String status, String qmpStatus, String lock, String name) {

    static VmStatus from(JsonNode data) {
        String lock = Json.text(data, "lock");
        return new VmStatus(Json.text(data, "status", "unknown"), Json.text(data, "qmpstatus", ""),
                lock == null || lock.isBlank() ? null : lock, Json.text(data, "name"));
    }

    VmState.Power power() {
        if (status.equals("running")) {
            return qmpStatus.equals("paused") || qmpStatus.equals("suspended") ? VmState.Power.PAUSED
                    : VmState.Power.RUNNING;
        }
        return VmState.Power.STOPPED;
    }

    Optional<String> lockName() {
        return Optional.ofNullable(lock);
    }
}
