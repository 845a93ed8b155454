package io.berth.rest.internal;

import io.berth.api.server.Server;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A server as API.md shows it; the owner id stays inside. */
public record ServerJson(UUID id, String name, String status, ImageRef image, int cpuCores, int memoryMb, int diskGb,
        String ipAddress, String node, String location, String statusDetail, Map<String, String> attributes,
        Instant createdAt, Instant updatedAt) {

    /** The image a server was made from. */
    public record ImageRef(UUID id, String name) {
    }

    static ServerJson of(Server s) {
        return new ServerJson(s.id(), s.name(), s.status() == null ? null : s.status().wireName(),
                s.imageId() == null ? null : new ImageRef(s.imageId(), s.imageName()),
                s.cpuCores(), s.memoryMb(), s.diskGb(), s.ipAddress(), s.node(), s.location(), s.statusDetail(),
                s.attributes(), s.createdAt(), s.updatedAt());
    }
}
