package io.berth.testbed.pve.internal.cluster;

/**
 * A storage of the cluster ({@code storage.cfg} entry).
 *
 * @param id            the storage id, e.g. {@code local-lvm}
 * @param type          the plugin type, e.g. {@code lvmthin} or {@code rbd}
 * @param shared        whether all nodes see the same volumes (otherwise each node has its own)
 * @param capacityBytes the size (per node for a local storage)
 * @param content       the content types, e.g. {@code images,rootdir}
 */
public record StorageDefinition(String id, String type, boolean shared, long capacityBytes, String content) {

    /** The lock PVE takes while allocating on it, and how its timeout reads. */
    public String lockTimeoutMessage() {
        return shared ? "cfs-lock 'storage-" + id + "' error: got lock request timeout"
                : "can't lock file '/var/lock/pve-manager/pve-storage-" + id + "' - got timeout";
    }
}
