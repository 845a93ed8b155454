package io.berth.api.server;

import java.util.List;
import java.util.UUID;

/**
 * What the workflows need to know of a server to make, change or remove its VM.
 *
 * @param serverId the server
 * @param name its name (VM name and hostname)
 * @param status its status now
 * @param hypervisorId the hypervisor instance it lives on
 * @param templateRef the template it is cloned from
 * @param linkedClone whether it is a linked clone
 * @param cpuCores cores
 * @param memoryMb memory
 * @param diskGb disk
 * @param sshKeys keys for the default user
 * @param ipAddress its address from the pool
 * @param prefixLength the pool's prefix length
 * @param gateway the pool's gateway, may be {@code null}
 * @param nameservers the pool's name servers
 * @param node the node its VM was placed on, {@code null} before placement
 * @param vmId its VM id, {@code null} before placement
 */
public record ServerTarget(UUID serverId, String name, ServerStatus status, String hypervisorId, String templateRef,
        boolean linkedClone, int cpuCores, int memoryMb, int diskGb, List<String> sshKeys, String ipAddress,
        int prefixLength, String gateway, List<String> nameservers, String node, String vmId) {

    public ServerTarget {
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
    }

    public boolean placed() {
        return node != null && vmId != null;
    }

    /**
     * The same server placed on that node with that VM id.
     *
     * @since 1.1
     */
    public ServerTarget withPlacement(String onNode, String withVmId) {
        return new ServerTarget(serverId, name, status, hypervisorId, templateRef, linkedClone, cpuCores, memoryMb,
                diskGb, sshKeys, ipAddress, prefixLength, gateway, nameservers, onNode, withVmId);
    }

    /**
     * The same server in another status.
     *
     * @since 1.1
     */
    public ServerTarget withStatus(ServerStatus newStatus) {
        return new ServerTarget(serverId, name, newStatus, hypervisorId, templateRef, linkedClone, cpuCores, memoryMb,
                diskGb, sshKeys, ipAddress, prefixLength, gateway, nameservers, node, vmId);
    }
}
