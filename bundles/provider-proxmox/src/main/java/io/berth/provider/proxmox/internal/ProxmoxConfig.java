package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies size, cloud-init, tags and the server marker to a cloned VM with the synchronous
 * {@code PUT /nodes/{node}/qemu/{vmid}/config}, sending only what differs from the current
 * configuration (with its digest, so a concurrent edit fails instead of being overwritten).
 * Nothing differs: nothing is sent. The synchronous call is deliberate: with the asynchronous POST a
 * repeated configure (after a crash) would queue a second task whose digest check fails once the
 * first task has applied the same values.
 */
final class ProxmoxConfig {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxConfig.class);

    private final ProxmoxHttp http;
    private final ProxmoxVms vms;

    ProxmoxConfig(ProxmoxHttp http, ProxmoxVms vms) {
        this.http = Objects.requireNonNull(http, "http");
        this.vms = Objects.requireNonNull(vms, "vms");
    }

    Optional<TaskHandle> configure(VmRef vm, VmSpec spec) throws ProviderException {
        VmConfig current = vms.config(vm);
        if (current.lock().isPresent()) {
            throw new ProviderException(Kind.LOCKED, "VM " + vm + " is locked (" + current.lock().get() + ")");
        }
        if (current.template()) {
            throw new ProviderException(Kind.INVALID, "VM " + vm + " is a template; refusing to configure it");
        }
        Optional<String> owner = ServerMarker.serverId(current.description());
        if (owner.isPresent() && !owner.get().equals(spec.serverId())) {
            throw new ProviderException(Kind.PERMANENT,
                    "VM " + vm + " belongs to Berth server " + owner.get() + ", not " + spec.serverId());
        }
        Map<String, String> changes = changes(current, spec);
        if (changes.isEmpty()) {
            LOG.debug("proxmox configure unchanged vm={} server={}", vm, spec.serverId());
            return Optional.empty();
        }
        if (current.digest() != null) {
            changes.put("digest", current.digest());
        }
        LOG.info("proxmox configure vm={} server={} keys={}", vm, spec.serverId(), changes.keySet());
        // setting the same values again has no further effect: safe to repeat
        return ProxmoxTasks.handle(http.send(ProxmoxRequest.put(ProxmoxVms.path(vm, "config")).with(changes)
                .retrySafe(true)), vm.node());
    }

    static Map<String, String> changes(VmConfig current, VmSpec spec) {
        Map<String, String> changes = new LinkedHashMap<>();
        if (!spec.name().equals(current.values().get("name"))) {
            changes.put("name", spec.name());
        }
        if (spec.cpuCores() > 0 && number(current.values().get("cores"), 1) != spec.cpuCores()) {
            changes.put("cores", String.valueOf(spec.cpuCores()));
        }
        if (spec.memoryMb() > 0 && memoryMb(current.values().get("memory")) != spec.memoryMb()) {
            changes.put("memory", String.valueOf(spec.memoryMb()));
        }
        if (!agentEnabled(current.values().get("agent"))) {
            changes.put("agent", "1");
        }
        if (spec.cloudInitUser() != null && !spec.cloudInitUser().isBlank()
                && !spec.cloudInitUser().equals(current.values().get("ciuser"))) {
            changes.put("ciuser", spec.cloudInitUser());
        }
        if (!spec.sshKeys().isEmpty()
                && !CloudInit.decodeSshKeys(current.values().get("sshkeys")).equals(
                        spec.sshKeys().stream().map(String::strip).filter(k -> !k.isEmpty()).toList())) {
            changes.put("sshkeys", CloudInit.encodeSshKeys(spec.sshKeys()));
        }
        if (spec.network() != null) {
            String ipconfig = CloudInit.ipConfig(spec.network());
            if (!CloudInit.sameIpConfig(current.values().get("ipconfig0"), ipconfig)) {
                changes.put("ipconfig0", ipconfig);
            }
            if (!spec.network().nameservers().isEmpty()
                    && !CloudInit.sameNameservers(current.values().get("nameserver"), spec.network().nameservers())) {
                changes.put("nameserver", CloudInit.nameservers(spec.network().nameservers()));
            }
        }
        List<String> tags = current.tags();
        if (!tags.contains(Hypervisor.BERTH_TAG)) {
            List<String> more = new ArrayList<>(tags);
            more.add(Hypervisor.BERTH_TAG);
            changes.put("tags", String.join(";", more));
        }
        if (!ServerMarker.serverId(current.description()).map(spec.serverId()::equals).orElse(false)) {
            changes.put("description", ServerMarker.description(current.description(), spec.serverId()));
        }
        return changes;
    }

    /** {@code memory} is a property string since PVE 8 ({@code [current=]<MiB>}). */
    static long memoryMb(String value) {
        Map<String, String> memory = PropertyString.parse(value);
        String current = memory.containsKey("current") ? memory.get("current") : memory.get("");
        return number(current, -1);
    }

    static boolean agentEnabled(String value) {
        Map<String, String> agent = PropertyString.parse(value);
        String enabled = agent.containsKey("enabled") ? agent.get("enabled") : agent.get("");
        return "1".equals(enabled) || "true".equalsIgnoreCase(enabled);
    }

    private static long number(String value, long fallback) {
        return Json.parseLong(value).orElse(fallback);
    }
}
