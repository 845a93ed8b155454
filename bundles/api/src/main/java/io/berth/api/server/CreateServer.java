package io.berth.api.server;

import java.util.List;
import java.util.UUID;

/**
 * An order for a server: an image, and a plan or explicit resources.
 *
 * @param name its name (RFC 1123 label)
 * @param imageId the image
 * @param planId a plan, or {@code null} when resources are given
 * @param cpuCores cores when no plan is given
 * @param memoryMb memory when no plan is given
 * @param diskGb disk when no plan is given
 * @param sshKeys public keys for the default user
 */
public record CreateServer(String name, UUID imageId, UUID planId, Integer cpuCores, Integer memoryMb, Integer diskGb,
        List<String> sshKeys) {

    public CreateServer {
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
    }
}
