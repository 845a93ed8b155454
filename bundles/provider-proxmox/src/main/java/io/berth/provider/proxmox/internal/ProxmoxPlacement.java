package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses node, storage and VM id for a new VM from one read of {@code /cluster/resources} (shared by
 * the placements of the same second, {@link #VIEW_AGE}):
 * <ul>
 * <li>nodes: online and allowed; only the template's own node unless all the template's disks are on
 * shared storage (see {@link ProxmoxStorages}); the one with the most free memory wins, less the
 * memory of the VMs this provider placed there that do not run yet (a stopped VM uses none, so
 * without this a burst of placements would all pick the same node);</li>
 * <li>storage (full clones): an allowed storage on that node that holds VM images and has room for
 * the disk (a shared one when the node is not the template's), the one with the most free space;
 * linked clones stay on the template's storage;</li>
 * <li>VM id: see {@link ProxmoxVmids}.</li>
 * </ul>
 * The only requests are the reads of {@code /cluster/resources} and the template's configuration (both
 * shared by the placements of the same second);
 * node and VM id are chosen without any request under short locks, so placements run in parallel.
 * Nothing fits: PERMANENT, since waiting rarely frees a cluster.
 */
final class ProxmoxPlacement {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxPlacement.class);
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    /** How long a placed VM counts against its node at most (until it runs, usually). */
    private static final Duration PENDING_FOR = Duration.ofMinutes(15);
    /** How long a placed VM that never appeared (its clone was refused or never sent) counts. */
    private static final Duration UNSEEN_FOR = Duration.ofMinutes(2);

    /**
     * How old the cluster view of a placement may be: placements in a burst share one read, which is
     * safe since this class counts its own placements until they run and a VM id another client took
     * meanwhile makes the clone fail with "already exists" (then placed again, avoiding that id).
     */
    static final Duration VIEW_AGE = Duration.ofSeconds(1);

    private final ProxmoxCluster cluster;
    private final ProxmoxTemplates templates;
    private final ProxmoxVmids vmids;
    private final ProxmoxStorages storages;
    private final ProxmoxSettings settings;
    private final Clock clock;
    private final Map<Integer, Pending> pending = new HashMap<>(); // guarded by itself

    ProxmoxPlacement(ProxmoxCluster cluster, ProxmoxTemplates templates, ProxmoxVmids vmids, ProxmoxStorages storages,
            ProxmoxSettings settings, Clock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.vmids = Objects.requireNonNull(vmids, "vmids");
        this.storages = Objects.requireNonNull(storages, "storages");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Placement place(VmSpec spec, List<String> avoid) throws ProviderException {
        List<ClusterResource> resources = cluster.resources(VIEW_AGE);
        ProxmoxTemplates.Source template = templates.resolve(spec.templateRef(), resources, VIEW_AGE);
        boolean linked = settings.linked(template.ref(), spec.linkedClone());
        List<ClusterResource> candidates = resources.stream()
                .filter(r -> r.isNode() && r.online() && settings.nodeAllowed(nodeName(r)))
                .filter(r -> template.shared() || nodeName(r).equals(template.node()))
                .toList();
        if (candidates.isEmpty()) {
            throw new ProviderException(Kind.PERMANENT, "no allowed online node can clone template " + spec.templateRef()
                    + " (it is on node " + template.node() + (template.shared() ? "" : " with local storage") + ")");
        }
        Map<String, Optional<ClusterResource>> rooms = new HashMap<>();
        if (!linked) {
            for (ClusterResource node : candidates) {
                // a full clone to another node must go to shared storage ("can't clone to non-shared storage")
                boolean remote = !nodeName(node).equals(template.node());
                rooms.put(nodeName(node), storage(resources, nodeName(node), spec.diskGb(), remote));
            }
        }
        Set<Integer> existing = resources.stream().filter(ClusterResource::isGuest).map(ClusterResource::vmid)
                .collect(Collectors.toSet());
        Set<Integer> running = resources.stream().filter(r -> r.isGuest() && "running".equals(r.status()))
                .map(ClusterResource::vmid).collect(Collectors.toSet());
        String chosenNode = null;
        String storage = null;
        int vmid;
        synchronized (pending) {
            Instant now = clock.instant();
            pending.entrySet().removeIf(e -> running.contains(e.getKey()) || e.getValue().at().plus(PENDING_FOR)
                    .isBefore(now) || !existing.contains(e.getKey()) && e.getValue().at().plus(UNSEEN_FOR).isBefore(now));
            List<ClusterResource> nodes = candidates.stream()
                    .sorted(Comparator.comparingLong((ClusterResource r) -> score(r)).reversed())
                    .toList();
            for (ClusterResource node : nodes) {
                if (linked) {
                    chosenNode = nodeName(node);
                    break;
                }
                Optional<ClusterResource> room = rooms.get(nodeName(node));
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
            vmid = vmids.next(existing, avoid);
            pending.put(vmid, new Pending(chosenNode, Math.max(spec.memoryMb(), 0) * MIB, now));
        }
        LOG.info("proxmox placed server={} node={} vmid={} storage={} linked={} template={}", spec.serverId(),
                chosenNode, vmid, storage == null ? "-" : storage, linked, template.ref());
        return new Placement(new VmRef(chosenNode, String.valueOf(vmid)), storage);
    }

    /** Free memory less what the VMs placed there but not running yet will take; under the lock of pending. */
    private long score(ClusterResource node) {
        String name = nodeName(node);
        long placed = pending.values().stream().filter(p -> p.node().equals(name)).mapToLong(Pending::memoryBytes).sum();
        return node.freeMemory() - placed;
    }

    private Optional<ClusterResource> storage(List<ClusterResource> resources, String node, int diskGb,
            boolean sharedOnly) {
        long needed = Math.max(diskGb, 0) * GIB;
        return resources.stream()
                .filter(r -> r.isStorage() && node.equals(r.node()) && r.storage() != null)
                .filter(r -> !sharedOnly || storages.shared(resources, r.storage(), node))
                .filter(r -> settings.storageAllowed(r.storage()) && r.holdsImages() && r.online())
                .filter(r -> r.maxdisk() <= 0 || r.freeDisk() >= needed)
                .max(Comparator.comparingLong(ClusterResource::freeDisk));
    }

    /** A VM placed by this provider that does not run yet. */
    private record Pending(String node, long memoryBytes, Instant at) {
    }

    /** Node rows carry the name in {@code node}; older versions only in {@code id} ({@code node/pve1}). */
    static String nodeName(ClusterResource node) {
        if (node.node() != null) {
            return node.node();
        }
        return node.id().startsWith("node/") ? node.id().substring(5) : node.id();
    }
}
