package io.berth.api.catalog;

import java.util.UUID;

/**
 * A template a server can be made from.
 *
 * @param id its id
 * @param name shown name, e.g. "Ubuntu 24.04"
 * @param os operating system family
 * @param minDiskGb the smallest disk a server of this image may have
 * @param hypervisorId the hypervisor instance holding the template
 * @param templateRef the hypervisor's reference of the template
 * @param linkedClone whether servers are linked clones of it
 */
public record Image(UUID id, String name, String os, int minDiskGb, String hypervisorId, String templateRef,
        boolean linkedClone) {
}
