package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grows the boot disk to the size in the spec with {@code PUT /nodes/{node}/qemu/{vmid}/resize} and an
 * absolute size, so repeating it is harmless; nothing happens when the disk already has that size
 * (Proxmox cannot shrink disks, so a larger disk is left alone as well).
 */
final class ProxmoxDisks {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxDisks.class);
    private static final long GIB = 1L << 30;

    private final ProxmoxHttp http;
    private final ProxmoxVms vms;
    private final String bootDisk;
    private final ProxmoxInflight inflight;

    /** @param bootDisk the disk to grow, or empty to take the first disk of the boot order */
    ProxmoxDisks(ProxmoxHttp http, ProxmoxVms vms, String bootDisk, ProxmoxInflight inflight) {
        this.http = Objects.requireNonNull(http, "http");
        this.vms = Objects.requireNonNull(vms, "vms");
        this.bootDisk = bootDisk == null ? "" : bootDisk;
        this.inflight = Objects.requireNonNull(inflight, "inflight");
    }

    Optional<TaskHandle> resize(VmRef vm, VmSpec spec) throws ProviderException {
        if (spec.diskGb() <= 0) {
            return Optional.empty();
        }
        Optional<TaskHandle> running = inflight.running(vm, "resize");
        if (running.isPresent()) {
            return running;
        }
        VmConfig config = vms.config(vm);
        if (config.lock().isPresent()) {
            throw new ProviderException(Kind.LOCKED, "VM " + vm + " is locked (" + config.lock().get() + ")");
        }
        String disk = bootDisk.isEmpty() ? config.bootDisk().orElseThrow(() -> new ProviderException(Kind.PERMANENT,
                "VM " + vm + " has no boot disk to resize")) : bootDisk;
        if (!config.isDisk(disk)) {
            throw new ProviderException(Kind.PERMANENT, "VM " + vm + " has no disk " + disk);
        }
        long current = config.diskBytes(disk);
        long wanted = spec.diskGb() * GIB;
        if (current >= wanted) {
            if (current > wanted) {
                LOG.warn("proxmox disk larger than spec, left alone vm={} disk={} bytes={} specGb={}", vm, disk, current,
                        spec.diskGb());
            }
            return Optional.empty();
        }
        LOG.info("proxmox resize vm={} disk={} fromBytes={} toGb={}", vm, disk, current, spec.diskGb());
        return inflight.started(vm, "resize", ProxmoxTasks.handle(http.send(ProxmoxRequest.put(
                ProxmoxVms.path(vm, "resize")).with("disk", disk).with("size", spec.diskGb() + "G").retrySafe(true)),
                vm.node()));
    }
}
