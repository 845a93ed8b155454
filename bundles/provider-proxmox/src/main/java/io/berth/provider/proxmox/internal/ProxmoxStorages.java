package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which storages are shared (all nodes see the same volumes: RBD/Ceph, NFS, iSCSI, …). The storage
 * rows of {@code GET /cluster/resources} have no {@code shared} field in the API schema (a row that
 * has one anyway is believed); {@code GET /nodes/{node}/storage} has it ("Shared flag from storage
 * configuration"). That answer is kept per node for a while, since storage configuration rarely
 * changes; one caller per node reads it when it is stale, the others wait for that read. A node that
 * cannot be asked counts its storages as not shared, which only narrows placement.
 */
final class ProxmoxStorages {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxStorages.class);

    private final ProxmoxHttp http;
    private final Clock clock;
    private final Duration keep;
    private final Map<String, Known> byNode = new ConcurrentHashMap<>();
    private final Map<String, Object> loading = new ConcurrentHashMap<>();

    ProxmoxStorages(ProxmoxHttp http, Clock clock, Duration keep) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keep = Objects.requireNonNull(keep, "keep");
    }

    /** Whether the storage, as seen from that node, is shared: by the cluster resources at hand, or the node's list. */
    boolean shared(List<ClusterResource> resources, String storage, String node) {
        if (storage != null
                && resources.stream().anyMatch(r -> r.isStorage() && storage.equals(r.storage()) && r.shared())) {
            return true;
        }
        return shared(storage, node);
    }

    /** Whether the storage, as that node's storage list says, is shared. */
    boolean shared(String storage, String node) {
        return storage != null && node != null && Boolean.TRUE.equals(configured(node).get(storage));
    }

    private Map<String, Boolean> configured(String node) {
        Known known = byNode.get(node);
        if (known != null && fresh(known)) {
            return known.shared();
        }
        synchronized (loading.computeIfAbsent(node, n -> new Object())) {
            known = byNode.get(node);
            if (known != null && fresh(known)) {
                return known.shared();
            }
            try {
                Map<String, Boolean> shared = read(http.send(ProxmoxRequest.get(ProxmoxRequest.path("nodes", node,
                        "storage"))));
                byNode.put(node, new Known(shared, clock.instant()));
                LOG.debug("proxmox storages read node={} shared={}", node, shared);
                return shared;
            } catch (ProviderException e) {
                LOG.warn("proxmox storages of a node unknown, counted as not shared node={} reason={}", node,
                        e.getMessage());
                return known == null ? Map.of() : known.shared();
            }
        }
    }

    private boolean fresh(Known known) {
        return clock.instant().isBefore(known.at().plus(keep));
    }

    private static Map<String, Boolean> read(JsonNode data) {
        Map<String, Boolean> shared = new HashMap<>();
        if (data != null && data.isArray()) {
            for (JsonNode row : data) {
                String id = Json.text(row, "storage");
                if (id != null) {
                    shared.put(id, Json.flag(row, "shared"));
                }
            }
        }
        return Map.copyOf(shared);
    }

    private record Known(Map<String, Boolean> shared, Instant at) {
    }
}
