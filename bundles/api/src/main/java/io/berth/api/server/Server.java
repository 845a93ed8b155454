package io.berth.api.server;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A server as its owner sees it.
 *
 * @param id its id
 * @param ownerId the owning account
 * @param name its name (also the VM's hostname)
 * @param status its status
 * @param statusDetail what is happening now (e.g. the current workflow step), may be {@code null}
 * @param imageId the image it was made from, may be {@code null} for imported servers
 * @param imageName that image's name, may be {@code null}
 * @param cpuCores virtual cores
 * @param memoryMb memory in MiB
 * @param diskGb disk in GiB
 * @param ipAddress its address, once allocated
 * @param node the hypervisor node it runs on, once placed
 * @param location its location, may be {@code null}
 * @param attributes what it carries beyond these fields, as strings
 * @param createdAt when it was ordered
 * @param updatedAt when it last changed
 */
public record Server(UUID id, UUID ownerId, String name, ServerStatus status, String statusDetail, UUID imageId,
        String imageName, int cpuCores, int memoryMb, int diskGb, String ipAddress, String node, String location,
        Map<String, String> attributes, Instant createdAt, Instant updatedAt) {

    public Server {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
