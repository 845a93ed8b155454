package io.berth.rest.internal;

import io.berth.api.domain.Caller;
import io.berth.api.domain.ConflictException;
import io.berth.api.domain.ForbiddenException;
import io.berth.api.domain.NotFoundException;
import io.berth.api.domain.Page;
import io.berth.api.domain.ValidationException;
import io.berth.api.hypervisor.PowerAction;
import io.berth.api.server.CreateServer;
import io.berth.api.server.Created;
import io.berth.api.server.Server;
import io.berth.api.server.ServerStatus;
import io.berth.api.server.Servers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Servers in memory: ownership (404), idempotency, a tiny state machine. Records what it was asked. */
final class FakeServers implements Servers {

    record Call(String what, Caller caller, Object argument) {
    }

    final Map<UUID, Server> servers = new LinkedHashMap<>();
    final Map<String, CreateServer> orders = new HashMap<>();
    final Map<String, UUID> keys = new HashMap<>();
    final List<Call> calls = new ArrayList<>();
    /** Thrown by the next list call, to stand for a failure nobody expected. */
    volatile RuntimeException failNext;

    Server add(UUID owner, String name, ServerStatus status) {
        Server s = server(UUID.randomUUID(), owner, name, status);
        servers.put(s.id(), s);
        return s;
    }

    static Server server(UUID id, UUID owner, String name, ServerStatus status) {
        return new Server(id, owner, name, status, null, UUID.fromString("00000000-0000-0000-0000-0000000000aa"),
                "Ubuntu 24.04", 2, 2048, 20, "10.10.0.12", "pve1", "Frankfurt", Map.of("backups", "Enabled"),
                Instant.parse("2025-01-02T03:04:05Z"), Instant.parse("2025-01-02T03:04:06.5Z"));
    }

    @Override
    public Page<Server> list(Caller caller, ServerStatus status, String cursor, int limit) {
        calls.add(new Call("list", caller, status + "/" + cursor + "/" + limit));
        RuntimeException failure = failNext;
        if (failure != null) {
            failNext = null;
            throw failure;
        }
        return new Page<>(servers.values().stream().filter(s -> s.ownerId().equals(caller.accountId()))
                .filter(s -> status == null || s.status() == status).toList(), cursor == null ? null : "next");
    }

    @Override
    public Page<Server> listAll(Caller caller, ServerStatus status, String cursor, int limit) {
        calls.add(new Call("listAll", caller, status));
        if (!caller.admin()) {
            throw new ForbiddenException("admins only");
        }
        return new Page<>(List.copyOf(servers.values()), null);
    }

    @Override
    public Server get(Caller caller, UUID id) {
        calls.add(new Call("get", caller, id));
        Server s = servers.get(id);
        if (s == null || !s.ownerId().equals(caller.accountId())) {
            throw new NotFoundException("server not found");
        }
        return s;
    }

    @Override
    public Created create(Caller caller, CreateServer request, String idempotencyKey) {
        calls.add(new Call("create", caller, request));
        if (request.name() == null || request.name().isBlank()) {
            throw ValidationException.of("name", "is required");
        }
        if (idempotencyKey != null) {
            String k = caller.accountId() + "/" + idempotencyKey;
            if (keys.containsKey(k)) {
                if (!orders.get(k).equals(request)) {
                    throw new ConflictException("this Idempotency-Key was used for another request");
                }
                return new Created(servers.get(keys.get(k)), true);
            }
            Server s = add(caller.accountId(), request.name(), ServerStatus.PROVISIONING);
            keys.put(k, s.id());
            orders.put(k, request);
            return new Created(s, false);
        }
        return new Created(add(caller.accountId(), request.name(), ServerStatus.PROVISIONING), false);
    }

    @Override
    public Server act(Caller caller, UUID id, PowerAction action) {
        Server s = get(caller, id);
        calls.add(new Call("act", caller, action));
        if (action == PowerAction.START && s.status() != ServerStatus.STOPPED) {
            throw new ConflictException("the server is " + s.status().wireName() + "; only a stopped server can start");
        }
        return put(s, action == PowerAction.START ? ServerStatus.STARTING : ServerStatus.STOPPING);
    }

    @Override
    public Server terminate(Caller caller, UUID id) {
        return put(get(caller, id), ServerStatus.TERMINATING);
    }

    @Override
    public Server suspend(Caller caller, UUID id) {
        calls.add(new Call("suspend", caller, id));
        Server s = servers.get(id);
        if (s == null) {
            throw new NotFoundException("server not found");
        }
        return put(s, ServerStatus.SUSPENDED);
    }

    @Override
    public Server unsuspend(Caller caller, UUID id) {
        calls.add(new Call("unsuspend", caller, id));
        Server s = servers.get(id);
        if (s == null) {
            throw new NotFoundException("server not found");
        }
        return put(s, ServerStatus.STOPPED);
    }

    private Server put(Server s, ServerStatus status) {
        Server t = new Server(s.id(), s.ownerId(), s.name(), status, null, s.imageId(), s.imageName(), s.cpuCores(),
                s.memoryMb(), s.diskGb(), s.ipAddress(), s.node(), s.location(), s.attributes(), s.createdAt(),
                s.updatedAt());
        servers.put(t.id(), t);
        return t;
    }
}
