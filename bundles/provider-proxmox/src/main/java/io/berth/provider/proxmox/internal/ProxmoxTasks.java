package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Task handles and their status: {@code GET /nodes/{node}/tasks/{upid}/status}. A stopped task
 * succeeded when its exit status is {@code OK} or {@code WARNINGS: n}; anything else is the error.
 *
 * <p>Besides UPIDs this class hands out <em>completed</em> handles ({@code berth:done:…}) for
 * operations found already done when repeated (a clone whose VM exists and is this server's), so
 * callers can always persist and poll a handle.
 */
final class ProxmoxTasks {

    static final String COMPLETED_PREFIX = "berth:done:";

    private final ProxmoxHttp http;
    private final Clock clock;
    private final Duration poll;

    ProxmoxTasks(ProxmoxHttp http, Clock clock, Duration poll) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.poll = Objects.requireNonNull(poll, "poll");
    }

    /** A handle for the UPID an asynchronous call answered, or empty when it answered {@code null}. */
    static Optional<TaskHandle> handle(JsonNode data, String fallbackNode) throws ProviderException {
        Optional<String> upid = Json.scalar(data);
        if (upid.isEmpty()) {
            return Optional.empty();
        }
        String node = Upid.parse(upid.get()).map(Upid::node).orElse(fallbackNode);
        if (!upid.get().startsWith("UPID:")) {
            throw new ProviderException(Kind.PERMANENT, "expected a task id (UPID) from Proxmox VE, got '" + upid.get() + "'");
        }
        return Optional.of(new TaskHandle(node, upid.get()));
    }

    static TaskHandle completed(String node, String what) {
        return new TaskHandle(node, COMPLETED_PREFIX + what);
    }

    static boolean isCompleted(TaskHandle handle) {
        return handle.id().startsWith(COMPLETED_PREFIX);
    }

    TaskStatus status(TaskHandle handle) throws ProviderException {
        if (isCompleted(handle)) {
            return new TaskStatus(TaskStatus.State.SUCCEEDED, "OK (" + handle.id().substring(COMPLETED_PREFIX.length())
                    + " was already done)");
        }
        String node = Upid.parse(handle.id()).map(Upid::node).orElse(handle.node());
        JsonNode data = http.send(ProxmoxRequest.get(ProxmoxRequest.path("nodes", node, "tasks", handle.id(), "status")));
        return status(data);
    }

    static TaskStatus status(JsonNode data) throws ProviderException {
        String status = Json.text(data, "status");
        if (status == null) {
            throw new ProviderException(Kind.TRANSIENT, "task status without 'status' field");
        }
        if (status.equalsIgnoreCase("running")) {
            return TaskStatus.running();
        }
        String exit = Json.text(data, "exitstatus", "");
        if (exit.equals("OK") || exit.toUpperCase(Locale.ROOT).startsWith("WARNINGS")) {
            return new TaskStatus(TaskStatus.State.SUCCEEDED, exit);
        }
        if (goalReached(Json.text(data, "type", ""), exit)) {
            return new TaskStatus(TaskStatus.State.SUCCEEDED, "OK (" + exit.strip() + ")");
        }
        String detail = exit.isEmpty() ? "task stopped without exit status" : exit;
        return TaskStatus.failed(detail, ProxmoxErrors.taskFailure(detail));
    }

    /**
     * A task that failed only because what it was to do had already happened, e.g. a start repeated
     * after a crash ("VM 101 already running") or a deletion of a VM another deletion removed.
     */
    static boolean goalReached(String type, String exit) {
        String text = exit.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "qmstart" -> text.contains("already running");
            case "qmstop", "qmshutdown" -> text.contains("not running");
            case "qmdestroy" -> text.contains("does not exist");
            default -> false;
        };
    }

    /**
     * Polls the task until it ends or {@code max} passed; for the few steps the provider must finish
     * itself (stopping a VM before deleting it).
     */
    TaskStatus await(TaskHandle handle, Duration max) throws ProviderException {
        Instant deadline = clock.instant().plus(max);
        while (true) {
            TaskStatus status = status(handle);
            if (status.done() || !clock.instant().isBefore(deadline)) {
                return status;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(Kind.TRANSIENT, "interrupted while waiting for task " + handle.id(), e);
            }
        }
    }
}
