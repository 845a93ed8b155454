package io.berth.scheduler.internal;

import io.berth.api.hypervisor.VmState;

/**
 * Whether a VM may be stopped or deleted on a server's behalf. Berth marks every VM it clones with
 * the server id; a VM marked with another server's id is never touched. An unmarked VM counts only
 * where allowed (termination of servers made before marking, e.g. imported ones) and only when its
 * name is the server's.
 */
final class Ownership {

    private Ownership() {
    }

    static boolean owned(VmState state, String serverId, String serverName, boolean unmarkedAllowed) {
        if (state.serverId() != null) {
            return state.serverId().equals(serverId);
        }
        return unmarkedAllowed && serverName != null && serverName.equals(state.name());
    }

    static String describe(VmState state) {
        return "VM " + state.vm() + (state.serverId() == null ? " has no Berth server marker"
                : " is marked for server " + state.serverId()) + " (name " + state.name() + ")";
    }
}
