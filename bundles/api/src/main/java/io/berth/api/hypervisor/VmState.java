package io.berth.api.hypervisor;

import java.util.Objects;

/**
 * What the hypervisor reports about a VM.
 *
 * @param vm where it is
 * @param power its power state
 * @param locked whether an operation holds a lock on it (e.g. a clone in progress)
 * @param name its name on the hypervisor
 * @param serverId the Berth server id found in its metadata, or {@code null} when it has none
 */
public record VmState(VmRef vm, Power power, boolean locked, String name, String serverId) {

    public enum Power {
        RUNNING, STOPPED, PAUSED, ABSENT
    }

    public VmState {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(power, "power");
    }

    public static VmState absent(VmRef vm) {
        return new VmState(vm, Power.ABSENT, false, null, null);
    }
}
