package io.berth.provider.proxmox.internal;

import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suggests free VM ids within the configured range. {@code GET /cluster/nextid} reserves nothing, so
 * two callers can get the same id: this class remembers the ids it suggested recently (so parallel
 * placements in this runtime never share one), skips ids the caller already tried ({@code avoid})
 * and ids of existing guests, and asks Proxmox with {@code ?vmid=N} whether a candidate is free.
 * Across runtimes the race remains; the clone then fails with ALREADY_EXISTS and the caller asks
 * again.
 */
final class ProxmoxVmids {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxVmids.class);
    private static final int MAX_PROBES = 32;

    private final ProxmoxHttp http;
    private final int min;
    private final int max;
    private final Clock clock;
    private final Duration remember;
    private final Map<Integer, Instant> suggested = new HashMap<>(); // guarded by this

    ProxmoxVmids(ProxmoxHttp http, int min, int max, Clock clock, Duration remember) {
        this.http = Objects.requireNonNull(http, "http");
        this.min = min;
        this.max = max;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.remember = Objects.requireNonNull(remember, "remember");
    }

    synchronized int next(Set<Integer> existing, Collection<String> avoid) throws ProviderException {
        Instant now = clock.instant();
        suggested.values().removeIf(at -> at.plus(remember).isBefore(now));
        Set<Integer> skip = new HashSet<>(existing);
        skip.addAll(suggested.keySet());
        for (String id : avoid) {
            Json.parseLong(id).ifPresent(v -> skip.add((int) v));
        }
        int first = (int) Json.parseLong(Json.scalar(http.send(ProxmoxRequest.get("/cluster/nextid"))).orElse(null))
                .orElse(-1);
        if (first >= min && first <= max && !skip.contains(first)) {
            return remember(first, now);
        }
        int probes = 0;
        for (long candidate = min; candidate <= max; candidate++) {
            int id = (int) candidate;
            if (skip.contains(id)) {
                continue;
            }
            if (free(id)) {
                return remember(id, now);
            }
            if (++probes >= MAX_PROBES) {
                throw new ProviderException(Kind.TRANSIENT, "no free VM id found after " + probes + " probes in "
                        + min + ".." + max + "; try again");
            }
        }
        throw new ProviderException(Kind.PERMANENT, "no free VM id left in the configured range " + min + ".." + max);
    }

    /** Whether Proxmox sees no guest with this id right now ({@code GET /cluster/nextid?vmid=N}). */
    boolean free(int vmid) throws ProviderException {
        try {
            http.send(ProxmoxRequest.get("/cluster/nextid").with("vmid", vmid));
            return true;
        } catch (ProviderException e) {
            if (e.kind() == Kind.ALREADY_EXISTS || e.kind() == Kind.INVALID) {
                return false;
            }
            throw e;
        }
    }

    /** Forgets a suggestion whose clone was refused, so the id is offered again only after a fresh check. */
    synchronized void forget(int vmid) {
        suggested.remove(vmid);
    }

    private int remember(int vmid, Instant now) {
        suggested.put(vmid, now);
        LOG.debug("proxmox vmid suggested vmid={}", vmid);
        return vmid;
    }
}
