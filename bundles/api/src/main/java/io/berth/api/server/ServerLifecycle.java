package io.berth.api.server;

import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How the workflows report back: core writes what they learn about a server. The status changes
 * reported here are checked against the same state machine as user requests.
 */
@ProviderType
public interface ServerLifecycle {

    ServerTarget target(UUID serverId);

    /** The VM's place was chosen (persisted before cloning). */
    void placed(UUID serverId, String node, String vmId);

    /** What the workflow does now, shown as {@code status_detail}. */
    void progress(UUID serverId, String detail);

    /**
     * The server reached a status (running, stopped, failed, terminated, …). Terminating releases
     * its address.
     */
    void settled(UUID serverId, ServerStatus status, String detail);

    /** Servers that have (or should have) a VM on that hypervisor, for reconciliation. */
    List<ServerTarget> placedOn(String hypervisorId);
}
