package io.berth.api.hypervisor;

import java.util.List;
import java.util.Objects;

/**
 * Everything a hypervisor needs to make and configure one server's VM.
 *
 * @param serverId Berth's id of the server, written into the VM's description so it can be traced
 * @param name the VM name / hostname
 * @param templateRef the {@link Template#ref()} to clone
 * @param linkedClone whether to make a linked clone (only possible from templates)
 * @param cpuCores virtual CPU cores
 * @param memoryMb memory in MiB
 * @param diskGb boot disk size in GiB
 * @param network the address assigned from the platform's pool
 * @param cloudInitUser the default user cloud-init creates
 * @param sshKeys public keys for that user
 */
public record VmSpec(String serverId, String name, String templateRef, boolean linkedClone, int cpuCores,
        int memoryMb, int diskGb, NetworkConfig network, String cloudInitUser, List<String> sshKeys) {

    public VmSpec {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(templateRef, "templateRef");
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
    }

    /**
     * The VM's static IPv4 configuration.
     *
     * @param address the address without prefix, e.g. {@code 10.10.0.12}
     * @param prefixLength the prefix length, e.g. {@code 24}
     * @param gateway the default gateway, may be {@code null}
     * @param nameservers DNS servers, may be empty
     */
    public record NetworkConfig(String address, int prefixLength, String gateway, List<String> nameservers) {

        public NetworkConfig {
            Objects.requireNonNull(address, "address");
            nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        }
    }
}
