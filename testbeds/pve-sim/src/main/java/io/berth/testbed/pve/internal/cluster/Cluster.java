package io.berth.testbed.pve.internal.cluster;

import java.util.List;
import java.util.Optional;

/** The fixed shape of the simulated cluster: its name, nodes and storages, and storage usage. */
public final class Cluster {

    private final String name;
    private final List<ClusterNode> nodes;
    private final List<StorageDefinition> storages;
    private final StorageUsage usage = new StorageUsage();

    public Cluster(String name, List<ClusterNode> nodes, List<StorageDefinition> storages) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.storages = List.copyOf(storages);
    }

    public String name() {
        return name;
    }

    public List<ClusterNode> nodes() {
        return nodes;
    }

    public List<StorageDefinition> storages() {
        return storages;
    }

    public Optional<ClusterNode> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    public Optional<StorageDefinition> storage(String id) {
        return storages.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public StorageUsage usage() {
        return usage;
    }
}
