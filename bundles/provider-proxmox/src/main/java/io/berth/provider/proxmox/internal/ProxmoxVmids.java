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
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suggests free VM ids within the configured range. Proxmox reserves nothing ({@code GET
 * /cluster/nextid} answers the same id to every caller until a VM exists), so the caller passes the
 * guests it just read from {@code /cluster/resources} and this class picks, under a short lock and
 * without any request, an id in the range that is not a guest, not suggested to another placement of
 * this runtime recently, and not one the caller already tried ({@code avoid}). Parallel placements in
 * this runtime therefore never share an id and never queue behind each other's requests. Across
 * runtimes the race remains; the clone then fails with ALREADY_EXISTS and the caller asks again,
 * avoiding that id. To make that rarer the id is drawn at random from the lowest free ids (a window
 * that grows with the placements in flight) rather than always the lowest: two runtimes placing a
 * burst at once would otherwise walk the same sequence and collide on every id.
 *
 * <p>An id suggested here a moment ago ({@link #unused}) needs no check before its first clone: it was
 * not a guest in a cluster view of the last second, no clone request of this runtime went to it, and a
 * VM someone else made with it since makes the clone fail with "already exists", which is the right
 * answer anyway (it is not this server's VM).
 */
final class ProxmoxVmids {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxVmids.class);
    /** Free ids to draw from, plus twice the suggestions in flight. */
    private static final int WINDOW = 16;

    private final ProxmoxHttp http;
    private final int min;
    private final int max;
    private final Clock clock;
    private final Duration remember;
    private final Map<Integer, Suggestion> suggested = new HashMap<>(); // guarded by this

    ProxmoxVmids(ProxmoxHttp http, int min, int max, Clock clock, Duration remember) {
        this.http = Objects.requireNonNull(http, "http");
        this.min = min;
        this.max = max;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.remember = Objects.requireNonNull(remember, "remember");
    }

    /**
     * A free id among the lowest free ones in the range, remembered as suggested.
     *
     * @param existing the ids of every guest in the cluster, as just read
     * @param avoid ids the caller tried already (as strings, the way they are persisted)
     */
    int next(Set<Integer> existing, Collection<String> avoid) throws ProviderException {
        Set<Integer> skip = new HashSet<>(existing);
        for (String id : avoid) {
            Json.parseLong(id).ifPresent(v -> skip.add((int) v));
        }
        synchronized (this) {
            Instant now = clock.instant();
            suggested.values().removeIf(s -> s.at().plus(remember).isBefore(now));
            int window = WINDOW + 2 * suggested.size();
            int[] free = new int[window];
            int found = 0;
            for (long candidate = min; candidate <= max && found < window; candidate++) {
                int id = (int) candidate;
                if (!skip.contains(id) && !suggested.containsKey(id)) {
                    free[found++] = id;
                }
            }
            if (found > 0) {
                int id = free[ThreadLocalRandom.current().nextInt(found)];
                suggested.put(id, new Suggestion(now, false));
                LOG.debug("proxmox vmid suggested vmid={}", id);
                return id;
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

    /**
     * Whether this runtime suggested the id within {@code maxAge} and no clone went to it since; either
     * way, a clone goes to it now, so a second call answers {@code false} (a clone request whose answer
     * was lost may have made the VM: the next attempt has to look).
     */
    synchronized boolean unused(int vmid, Duration maxAge) {
        Suggestion s = suggested.get(vmid);
        if (s == null) {
            return false;
        }
        suggested.put(vmid, new Suggestion(s.at(), true));
        return !s.cloned() && !s.at().plus(maxAge).isBefore(clock.instant());
    }

    /** Forgets a suggestion whose clone was refused, so the id is offered again only after a fresh check. */
    synchronized void forget(int vmid) {
        suggested.remove(vmid);
    }

    /** An id suggested here: when, and whether a clone went to it since. */
    private record Suggestion(Instant at, boolean cloned) {
    }
}
