package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The cluster-wide view: {@code GET /cluster/resources}. */
final class ProxmoxCluster {

    private final ProxmoxHttp http;

    ProxmoxCluster(ProxmoxHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /** Every resource (nodes, storages, guests) in one answer, so decisions see one consistent picture. */
    List<ClusterResource> resources() throws ProviderException {
        return read(http.send(ProxmoxRequest.get("/cluster/resources")));
    }

    List<ClusterResource> guests() throws ProviderException {
        List<ClusterResource> guests = new ArrayList<>();
        for (ClusterResource r : read(http.send(ProxmoxRequest.get("/cluster/resources").with("type", "vm")))) {
            if (r.isGuest()) {
                guests.add(r);
            }
        }
        return guests;
    }

    Optional<ClusterResource> guest(int vmid) throws ProviderException {
        return guests().stream().filter(g -> g.vmid() == vmid).findFirst();
    }

    private static List<ClusterResource> read(JsonNode data) {
        List<ClusterResource> rows = new ArrayList<>();
        if (data != null && data.isArray()) {
            data.forEach(row -> rows.add(ClusterResource.from(row)));
        }
        return rows;
    }
}
