package io.berth.scheduler.internal;

import io.berth.api.domain.NotFoundException;
import io.berth.api.server.ServerLifecycle;
import io.berth.api.server.ServerStatus;
import io.berth.api.server.ServerTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Servers in memory, with every report the workflows made. */
final class FakeLifecycle implements ServerLifecycle {

    private final Map<UUID, ServerTarget> servers = new ConcurrentHashMap<>();
    final List<String> progress = new ArrayList<>();
    final List<String> settled = new ArrayList<>();
    final List<String> placed = new ArrayList<>();
    final Map<UUID, String> details = new ConcurrentHashMap<>();
    /** How often the workflows read a server's target (each a query with core). */
    final AtomicInteger targetReads = new AtomicInteger();

    UUID add(ServerStatus status, String hypervisorId) {
        return add(status, hypervisorId, null, null);
    }

    UUID add(ServerStatus status, String hypervisorId, String node, String vmId) {
        UUID id = UUID.randomUUID();
        servers.put(id, new ServerTarget(id, "web-" + servers.size(), status, hypervisorId, "pve1/9000", false, 2, 2048,
                20, List.of("ssh-ed25519 AAAA test"), "10.10.0." + (10 + servers.size()), 24, "10.10.0.1",
                List.of("1.1.1.1"), node, vmId));
        return id;
    }

    @Override
    public ServerTarget target(UUID serverId) {
        targetReads.incrementAndGet();
        return row(serverId);
    }

    private ServerTarget row(UUID serverId) {
        ServerTarget t = servers.get(serverId);
        if (t == null) {
            throw new NotFoundException("no server " + serverId);
        }
        return t;
    }

    ServerStatus status(UUID serverId) {
        return row(serverId).status();
    }

    @Override
    public synchronized void placed(UUID serverId, String node, String vmId) {
        ServerTarget t = row(serverId);
        placed.add(serverId + " " + node + "/" + vmId);
        servers.put(serverId, t.withPlacement(node, vmId));
    }

    @Override
    public synchronized void progress(UUID serverId, String detail) {
        progress.add(detail);
        details.put(serverId, detail);
    }

    @Override
    public synchronized void settled(UUID serverId, ServerStatus status, String detail) {
        ServerTarget t = row(serverId);
        settled.add(status.wireName() + (detail == null ? "" : ": " + detail));
        details.put(serverId, detail == null ? "" : detail);
        servers.put(serverId, t.withStatus(status));
    }

    void setStatus(UUID serverId, ServerStatus status) {
        ServerTarget t = row(serverId);
        servers.put(serverId, t.withStatus(status));
    }

    @Override
    public List<ServerTarget> placedOn(String hypervisorId) {
        List<ServerTarget> on = new ArrayList<>();
        for (ServerTarget t : servers.values()) {
            if (hypervisorId.equals(t.hypervisorId()) && t.placed()) {
                on.add(t);
            }
        }
        return on;
    }
}
