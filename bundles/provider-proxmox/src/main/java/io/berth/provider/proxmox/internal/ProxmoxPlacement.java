package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses node, storage and VM id for a new VM from one read of {@code /cluster/resources}:
 * <ul>
 * <li>nodes: online and allowed; only the template's own node unless all the template's disks are on
 * shared storage; the one with the most free memory wins, less the memory of clones this provider
 * is still running there (so parallel placements spread);</li>
 * <li>storage (full clones): an allowed storage on that node that holds VM images and has room for
 * the disk (a shared one when the node is not the template's), the one with the most free space;
 * linked clones stay on the template's storage;</li>
 * <li>VM id: see {@link ProxmoxVmids}.</li>
 * </ul>
 * Nothing fits: PERMANENT, since waiting rarely frees a cluster.
 */
final class ProxmoxPlacement {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxPlacement.class);
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    private final ProxmoxCluster cluster;
    private final ProxmoxTemplates templates;
    private final ProxmoxVmids vmids;
    private final ProxmoxCloneSlots slots;
    private final ProxmoxSettings settings;

    ProxmoxPlacement(ProxmoxCluster cluster, ProxmoxTemplates templates, ProxmoxVmids vmids, ProxmoxCloneSlots slots,
            ProxmoxSettings settings) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.vmids = Objects.requireNonNull(vmids, "vmids");
        this.slots = Objects.requireNonNull(slots, "slots");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    Placement place(VmSpec spec, List<String> avoid) throws ProviderException {
        List<ClusterResource> resources = cluster.resources();
        ProxmoxTemplates.Source template = templates.resolve(spec.templateRef(), resources);
        boolean linked = settings.linked(template.ref(), spec.linkedClone());
        List<ClusterResource> nodes = resources.stream()
                .filter(r -> r.isNode() && r.online() && settings.nodeAllowed(nodeName(r)))
                .filter(r -> template.shared() || nodeName(r).equals(template.node()))
                .sorted(Comparator.comparingLong((ClusterResource r) -> score(r, spec)).reversed())
                .toList();
        if (nodes.isEmpty()) {
            throw new ProviderException(Kind.PERMANENT, "no allowed online node can clone template " + spec.templateRef()
                    + " (it is on node " + template.node() + (template.shared() ? "" : " with local storage") + ")");
        }
        String chosenNode = null;
        String storage = null;
        for (ClusterResource node : nodes) {
            if (linked) {
                chosenNode = nodeName(node);
                break;
            }
            // a full clone to another node must go to shared storage ("can't clone to non-shared storage")
            boolean remote = !nodeName(node).equals(template.node());
            Optional<ClusterResource> room = storage(resources, nodeName(node), spec.diskGb(), remote);
            if (room.isPresent()) {
                chosenNode = nodeName(node);
                storage = room.get().storage();
                break;
            }
        }
        if (chosenNode == null) {
            throw new ProviderException(Kind.PERMANENT, "no allowed storage on nodes "
                    + nodes.stream().map(ProxmoxPlacement::nodeName).toList() + " has " + spec.diskGb() + " GiB free");
        }
        Set<Integer> existing = resources.stream().filter(ClusterResource::isGuest).map(ClusterResource::vmid)
                .collect(Collectors.toSet());
        int vmid = vmids.next(existing, avoid);
        LOG.info("proxmox placed server={} node={} vmid={} storage={} linked={} template={}", spec.serverId(), chosenNode,
                vmid, storage == null ? "-" : storage, linked, template.ref());
        return new Placement(new VmRef(chosenNode, String.valueOf(vmid)), storage);
    }

    private long score(ClusterResource node, VmSpec spec) {
        long pending = slots.count(nodeName(node), null) * Math.max(spec.memoryMb(), 0) * MIB;
        return node.freeMemory() - pending;
    }

    private Optional<ClusterResource> storage(List<ClusterResource> resources, String node, int diskGb,
            boolean sharedOnly) {
        long needed = Math.max(diskGb, 0) * GIB;
        return resources.stream()
                .filter(r -> r.isStorage() && node.equals(r.node()) && r.storage() != null)
                .filter(r -> !sharedOnly || r.shared())
                .filter(r -> settings.storageAllowed(r.storage()) && r.holdsImages() && r.online())
                .filter(r -> r.maxdisk() <= 0 || r.freeDisk() >= needed)
                .max(Comparator.comparingLong(ClusterResource::freeDisk));
    }

    /** Node rows carry the name in {@code node}; older versions only in {@code id} ({@code node/pve1}). */
    static String nodeName(ClusterResource node) {
        if (node.node() != null) {
            return node.node();
        }
        return node.id().startsWith("node/") ? node.id().substring(5) : node.id();
    }
}
