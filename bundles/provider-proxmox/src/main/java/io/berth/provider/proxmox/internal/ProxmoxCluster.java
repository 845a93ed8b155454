package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The cluster-wide view: {@code GET /cluster/resources}. */
final class ProxmoxCluster {

    private final ProxmoxHttp http;
    private final Clock clock;
    private final Object sharing = new Object();
    private CompletableFuture<List<ClusterResource>> shared; // guarded by sharing
    private Instant sharedSince = Instant.MIN; // guarded by sharing

    ProxmoxCluster(ProxmoxHttp http, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Every resource, from a read that began at most {@code maxAge} ago: callers at the same time share
     * one read (the answer lists every guest, so a burst of placements would otherwise read the whole
     * cluster once each). For decisions that tolerate missing what changed in the last {@code maxAge},
     * like a placement, whose own earlier placements are tracked apart and whose VM id is checked
     * by the clone itself; a failed read is not shared with later callers.
     */
    List<ClusterResource> resources(Duration maxAge) throws ProviderException {
        CompletableFuture<List<ClusterResource>> read;
        boolean reader = false;
        synchronized (sharing) {
            Instant now = clock.instant();
            if (shared == null || shared.isCompletedExceptionally() || sharedSince.plus(maxAge).isBefore(now)) {
                shared = new CompletableFuture<>();
                sharedSince = now;
                reader = true;
            }
            read = shared;
        }
        if (reader) {
            try {
                read.complete(resources());
            } catch (ProviderException | RuntimeException e) {
                read.completeExceptionally(e);
            }
        }
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ProviderException failure) {
                throw failure;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
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
