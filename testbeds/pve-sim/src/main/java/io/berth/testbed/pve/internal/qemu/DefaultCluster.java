package io.berth.testbed.pve.internal.qemu;

import io.berth.testbed.pve.internal.cluster.Cluster;
import io.berth.testbed.pve.internal.cluster.ClusterNode;
import io.berth.testbed.pve.internal.cluster.StorageDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The default cluster: nodes {@code pve1…pveN} (48 threads, 256 GiB RAM each), a node-local
 * LVM-thin storage {@code local-lvm} (2 TiB per node) and a shared Ceph RBD storage
 * {@code ceph-vm} (16 TiB).
 */
public final class DefaultCluster {

    public static final String LOCAL_STORAGE = "local-lvm";
    public static final String SHARED_STORAGE = "ceph-vm";
    private static final long GIB = 1024L * 1024 * 1024;

    private DefaultCluster() {
    }

    public static Cluster create(String name, int nodeCount, Random random) {
        long now = System.currentTimeMillis();
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            long uptimeMillis = (3L + random.nextInt(40)) * 86_400_000L + random.nextInt(86_400_000);
            nodes.add(new ClusterNode("pve" + i, 48, 256 * GIB, 94 * GIB, now - uptimeMillis));
        }
        List<StorageDefinition> storages = List.of(
                new StorageDefinition(LOCAL_STORAGE, "lvmthin", false, 2048 * GIB, "images,rootdir"),
                new StorageDefinition(SHARED_STORAGE, "rbd", true, 16 * 1024 * GIB, "images,rootdir"));
        return new Cluster(name, nodes, storages);
    }
}
