package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clones a template into the placed VM id: {@code POST /nodes/{node}/qemu/{template}/clone} with
 * {@code newid}, {@code name}, {@code target}, {@code full}, {@code storage} (full clones only) and a
 * description carrying the server marker. Repeating a clone never sends a second request for a VM id
 * that is taken:
 * <ul>
 * <li>a clone this provider started for the same server answers the same UPID again;</li>
 * <li>an existing VM marked with this server's id is a finished earlier clone: a completed handle;</li>
 * <li>a VM still being cloned whose owner cannot be told yet (the marker is written when the copy
 * ends): LOCKED, try later;</li>
 * <li>any other VM: ALREADY_EXISTS, ask for another placement.</li>
 * </ul>
 * The clone request itself is never repeated by the transport: after a timeout its effect is
 * unknown, and the rules above sort it out on the next attempt.
 */
final class ProxmoxClone {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxClone.class);

    private final ProxmoxHttp http;
    private final ProxmoxCluster cluster;
    private final ProxmoxTemplates templates;
    private final ProxmoxVmids vmids;
    private final ProxmoxVms vms;
    private final ProxmoxTasks tasks;
    private final ProxmoxCloneSlots slots;
    private final ProxmoxStorages storages;
    private final ProxmoxSettings settings;
    private final Clock clock;
    private final Map<Integer, Started> started = new ConcurrentHashMap<>();

    ProxmoxClone(ProxmoxHttp http, ProxmoxCluster cluster, ProxmoxTemplates templates, ProxmoxVmids vmids,
            ProxmoxVms vms, ProxmoxTasks tasks, ProxmoxCloneSlots slots, ProxmoxStorages storages,
            ProxmoxSettings settings, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.vmids = Objects.requireNonNull(vmids, "vmids");
        this.vms = Objects.requireNonNull(vms, "vms");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.slots = Objects.requireNonNull(slots, "slots");
        this.storages = Objects.requireNonNull(storages, "storages");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    TaskHandle clone(Placement placement, VmSpec spec) throws ProviderException {
        VmRef target = placement.vm();
        int newid = ProxmoxVms.vmid(target);
        if (newid < settings.vmidMin() || newid > settings.vmidMax()) {
            throw new ProviderException(Kind.INVALID, "VM id " + newid + " is outside the configured range "
                    + settings.vmidMin() + ".." + settings.vmidMax());
        }
        expire();
        Started earlier = started.get(newid);
        if (earlier != null && !earlier.serverId().equals(spec.serverId())) {
            throw new ProviderException(Kind.ALREADY_EXISTS, "VM id " + newid + " is being cloned for another server");
        }
        if (earlier != null) {
            TaskStatus status = tasks.status(earlier.handle());
            if (status.state() != TaskStatus.State.FAILED) {
                LOG.debug("proxmox clone repeated vmid={} server={} upid={}", newid, spec.serverId(), earlier.handle().id());
                return earlier.handle();
            }
            finished(earlier.handle()); // that attempt failed (nobody polled it): a new one
        }
        // an id placed here a moment ago and not cloned into yet needs no look first (see ProxmoxVmids)
        if (!vmids.unused(newid, ProxmoxPlacement.VIEW_AGE) && !vmids.free(newid)) {
            return existing(target, newid, spec);
        }
        ProxmoxTemplates.Source template = templates.recent(spec.templateRef());
        boolean linked = settings.linked(template.ref(), spec.linkedClone());
        String storage = linked || placement.storage() == null ? template.storage() : placement.storage();
        ProxmoxCloneSlots.Target where = new ProxmoxCloneSlots.Target(target.node(), storage,
                storages.shared(storage, target.node()), !linked);
        ProxmoxCloneSlots.Slot slot = slots.acquire(where, settings.cloneSlotWait(), settings.cloneSlotRetry(),
                this::finished);
        try {
            ProxmoxRequest request = ProxmoxRequest.post(ProxmoxRequest.path("nodes", template.node(), "qemu",
                    template.vmid(), "clone"))
                    .with("newid", newid)
                    .with("name", spec.name())
                    .with("target", target.node())
                    .with("full", linked ? 0 : 1)
                    .with("description", ServerMarker.description(spec.serverId()));
            if (!linked && placement.storage() != null) {
                request = request.with("storage", placement.storage());
            }
            TaskHandle handle = ProxmoxTasks.handle(http.send(request), template.node())
                    .orElseThrow(() -> new ProviderException(Kind.PERMANENT, "clone answered without a task id"));
            slots.bind(slot, handle.id());
            started.put(newid, new Started(spec.serverId(), handle, clock.instant()));
            LOG.info("proxmox clone started server={} template={} vmid={} node={} linked={} storage={} upid={}",
                    spec.serverId(), template.ref(), newid, target.node(), linked, storage, handle.id());
            return handle;
        } catch (ProviderException e) {
            slots.release(slot);
            if (e.kind() == Kind.NOT_FOUND && String.valueOf(e.getMessage()).contains(template.vmid() + ".conf")) {
                // the template was looked up by the placement a moment ago; it may have moved since
                templates.forget(spec.templateRef());
                throw new ProviderException(Kind.TRANSIENT, "template " + spec.templateRef() + " not found on node "
                        + template.node() + "; looking again: " + e.getMessage(), e);
            }
            if (e.kind() == Kind.ALREADY_EXISTS) {
                vmids.forget(newid);
                LOG.info("proxmox clone refused, id taken server={} vmid={}", spec.serverId(), newid);
            }
            throw e;
        }
    }

    /** The clone task ended (seen by whoever polled it): free its slot and forget it. */
    void finished(TaskHandle handle) {
        slots.finished(handle.id());
        started.values().removeIf(s -> s.handle().id().equals(handle.id()));
    }

    private boolean finished(String upid) {
        try {
            TaskStatus status = tasks.status(new TaskHandle(Upid.parse(upid).map(Upid::node).orElse("localhost"), upid));
            if (status.done()) {
                finished(new TaskHandle("-", upid));
                return true;
            }
            return false;
        } catch (ProviderException e) {
            return e.kind() == Kind.NOT_FOUND;
        }
    }

    private TaskHandle existing(VmRef target, int newid, VmSpec spec) throws ProviderException {
        Optional<ClusterResource> guest = cluster.guest(newid);
        if (guest.isEmpty() || guest.get().node() == null) {
            throw new ProviderException(Kind.TRANSIENT, "VM id " + newid + " is taken but not visible yet; try again");
        }
        VmRef where = new VmRef(guest.get().node(), String.valueOf(newid));
        VmConfig config;
        try {
            config = guest.get().isQemu() ? vms.config(where) : VmConfig.from(null);
        } catch (ProviderException e) {
            if (e.kind() != Kind.NOT_FOUND) {
                throw e;
            }
            // listed a moment ago, gone from that node now: a clone onto another node moves the
            // configuration there when it ends, or the VM was deleted; the next look tells which
            throw new ProviderException(Kind.TRANSIENT, "VM id " + newid + " was listed on node " + where.node()
                    + " a moment ago but is not there now; try again", e);
        }
        Optional<String> owner = ServerMarker.serverId(config.description());
        Optional<String> lock = config.lock().or(() -> Optional.ofNullable(guest.get().lock()));
        if (owner.isPresent() && owner.get().equals(spec.serverId())) {
            if (lock.filter("clone"::equals).isPresent()) {
                throw new ProviderException(Kind.LOCKED, "VM " + where + " is still being cloned");
            }
            LOG.info("proxmox clone already done server={} vmid={} node={}", spec.serverId(), newid, where.node());
            return ProxmoxTasks.completed(where.node(), "clone:" + newid);
        }
        if (owner.isEmpty() && lock.filter("clone"::equals).isPresent()) {
            throw new ProviderException(Kind.LOCKED, "VM " + where
                    + " is being cloned; whose clone it is shows when the copy ends");
        }
        vmids.forget(newid);
        throw new ProviderException(Kind.ALREADY_EXISTS, "VM id " + newid + " is taken on node " + where.node()
                + (owner.isPresent() ? " by Berth server " + owner.get() : ""));
    }

    private void expire() {
        Instant oldest = clock.instant().minus(settings.cloneHold());
        started.values().removeIf(s -> s.at().isBefore(oldest));
    }

    private record Started(String serverId, TaskHandle handle, Instant at) {
    }
}
