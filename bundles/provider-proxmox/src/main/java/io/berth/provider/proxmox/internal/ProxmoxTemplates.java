package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.Template;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Templates: guests with {@code template=1} in {@code /cluster/resources} on allowed nodes. Their ref
 * is {@code node/vmid}.
 */
final class ProxmoxTemplates {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxTemplates.class);
    private static final long GIB = 1L << 30;
    /** How long a template found by a placement is taken as where it was, for the clone that follows. */
    static final Duration RECENT = Duration.ofSeconds(10);
    private static final Map<String, String> OS_TYPES = Map.ofEntries(Map.entry("l26", "Linux (kernel 2.6+)"),
            Map.entry("l24", "Linux (kernel 2.4)"), Map.entry("win11", "Windows 11/2022/2025"),
            Map.entry("win10", "Windows 10/2016/2019"), Map.entry("win8", "Windows 8/2012"),
            Map.entry("win7", "Windows 7/2008r2"), Map.entry("solaris", "Solaris"), Map.entry("other", "other"));

    private final ProxmoxCluster cluster;
    private final ProxmoxVms vms;
    private final ProxmoxSettings settings;
    private final ProxmoxStorages storages;
    private final Clock clock;
    private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();
    private final Map<String, Object> resolving = new ConcurrentHashMap<>();

    ProxmoxTemplates(ProxmoxCluster cluster, ProxmoxVms vms, ProxmoxSettings settings, ProxmoxStorages storages,
            Clock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.vms = Objects.requireNonNull(vms, "vms");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.storages = Objects.requireNonNull(storages, "storages");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The template as found within the last {@link #RECENT} (by the placement that comes right before a
     * clone), else found now: saves the clone a {@code /cluster/resources} read and a config read per
     * VM. A template moved in between makes the clone request fail NOT_FOUND; the caller then
     * {@link #forget}s it and tries again.
     */
    Source recent(String ref) throws ProviderException {
        Resolved r = resolved.get(ref);
        if (r != null && clock.instant().isBefore(r.at().plus(RECENT))) {
            return r.source();
        }
        return resolve(ref, cluster.resources());
    }

    void forget(String ref) {
        resolved.remove(ref);
    }

    List<Template> list() throws ProviderException {
        List<Template> templates = new ArrayList<>();
        for (ClusterResource guest : cluster.guests()) {
            if (!guest.isQemu() || !guest.template() || guest.node() == null || !settings.nodeAllowed(guest.node())) {
                continue;
            }
            VmConfig config;
            try {
                config = vms.config(new VmRef(guest.node(), String.valueOf(guest.vmid())));
            } catch (ProviderException e) {
                if (e.kind() == Kind.NOT_FOUND) {
                    continue;
                }
                throw e;
            }
            long bytes = config.bootDisk().map(config::diskBytes).filter(b -> b > 0).orElse(guest.maxdisk());
            String os = config.get("ostype").map(t -> OS_TYPES.getOrDefault(t, t)).orElse("");
            String name = guest.name() != null ? guest.name() : config.get("name").orElse("template " + guest.vmid());
            templates.add(new Template(guest.node() + "/" + guest.vmid(), name, os, (int) ((bytes + GIB - 1) / GIB)));
        }
        return templates;
    }

    /**
     * The template as resolved within {@code maxAge} when the view shows it where it was then, else
     * resolved now: the placements of a burst share a cluster view ({@link ProxmoxPlacement#VIEW_AGE})
     * and so read the template's configuration once, not once each; the ones that come while it is
     * being read wait for that read.
     */
    Source resolve(String ref, List<ClusterResource> resources, Duration maxAge) throws ProviderException {
        Source known = known(ref, resources, maxAge);
        if (known != null) {
            return known;
        }
        // placements at the same time wait for one reader instead of each reading the configuration
        synchronized (resolving.computeIfAbsent(ref, k -> new Object())) {
            known = known(ref, resources, maxAge);
            return known != null ? known : resolve(ref, resources);
        }
    }

    /** The template as resolved within {@code maxAge}, if the view shows it where it was then; else null. */
    private Source known(String ref, List<ClusterResource> resources, Duration maxAge) {
        Resolved r = resolved.get(ref);
        if (r != null && !clock.instant().isAfter(r.at().plus(maxAge)) && resources.stream()
                .anyMatch(g -> g.isGuest() && g.template() && g.vmid() == r.source().vmid()
                        && r.source().node().equals(g.node()))) {
            return r.source();
        }
        return null;
    }

    /** Finds the template in the cluster (where it is now) and reads what cloning needs. */
    Source resolve(String ref, List<ClusterResource> resources) throws ProviderException {
        TemplateRef parsed = TemplateRef.parseChecked(ref);
        ClusterResource guest = resources.stream().filter(r -> r.isGuest() && r.vmid() == parsed.vmid()).findFirst()
                .orElseThrow(() -> new ProviderException(Kind.NOT_FOUND, "template " + ref + " does not exist"));
        if (!guest.isQemu() || !guest.template()) {
            throw new ProviderException(Kind.INVALID, "guest " + guest.vmid() + " is not a QEMU template");
        }
        if (parsed.node() != null && !parsed.node().equals(guest.node())) {
            LOG.info("proxmox template moved ref={} node={}", ref, guest.node());
        }
        VmConfig config = vms.config(new VmRef(guest.node(), String.valueOf(guest.vmid())));
        Set<String> disks = new LinkedHashSet<>();
        for (String disk : config.disks()) {
            config.diskStorage(disk).ifPresent(disks::add);
        }
        Optional<String> bootStorage = config.bootDisk().flatMap(config::diskStorage);
        boolean shared = !disks.isEmpty() && disks.stream().allMatch(s -> storages.shared(resources, s, guest.node()));
        Source source = new Source(parsed, guest.node(), guest.vmid(),
                bootStorage.orElse(disks.stream().findFirst().orElse(null)), shared);
        resolved.put(ref, new Resolved(source, clock.instant()));
        return source;
    }

    private record Resolved(Source source, Instant at) {
    }

    /**
     * A template ready to clone.
     *
     * @param storage the storage of its boot disk (where linked clones go), may be {@code null}
     * @param shared whether all its disks are on shared storage, so clones may go to any node
     */
    record Source(TemplateRef ref, String node, int vmid, String storage, boolean shared) {
    }
}
