package io.berth.api.hypervisor;

/**
 * A template a VM can be cloned from.
 *
 * @param ref the hypervisor's identifier of the template (for Proxmox: {@code node/vmid})
 * @param name the template's name
 * @param os operating system family and version as far as known, free text
 * @param diskGb the size of its boot disk
 */
public record Template(String ref, String name, String os, int diskGb) {
}
