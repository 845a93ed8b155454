package io.berth.testbed.pve.internal.cluster;

/**
 * A cluster node.
 *
 * @param name        the node name, e.g. {@code pve1}
 * @param cores       CPU threads ({@code maxcpu})
 * @param memoryBytes RAM ({@code maxmem})
 * @param rootfsBytes the size of the node's root file system ({@code maxdisk})
 * @param bootMillis  when it booted (epoch milliseconds), for uptimes and UPIDs
 */
public record ClusterNode(String name, int cores, long memoryBytes, long rootfsBytes, long bootMillis) {
}
