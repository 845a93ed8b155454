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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Task handles and their status: {@code GET /nodes/{node}/tasks/{upid}/status}. A stopped task
 * succeeded when its exit status is {@code OK} or {@code WARNINGS: n}; anything else is the error.
 *
 * <p>Besides UPIDs this class hands out <em>completed</em> handles ({@code berth:done:…}) for
 * operations found already done when repeated (a clone whose VM exists and is this server's), so
 * callers can always persist and poll a handle.
 *
 * <p>A task the {@link ProxmoxTaskWatch} saw ended in its node's task list (which shows the exit
 * status) is answered from that list once, without a status request: the look that follows a
 * watch's notice costs nothing. Such answers are kept for {@link #LISTED_KEPT} at most.
 */
final class ProxmoxTasks {

    static final String COMPLETED_PREFIX = "berth:done:";
    /** How long a status seen in a task list is kept for the status read that is to follow. */
    static final Duration LISTED_KEPT = Duration.ofMinutes(2);

    private final ProxmoxHttp http;
    private final Clock clock;
    private final Duration poll;
    private final Map<String, Listed> listed = new ConcurrentHashMap<>();

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
        Listed seen = listed.remove(handle.id());
        if (seen != null && !seen.at().isBefore(clock.instant().minus(LISTED_KEPT))) {
            return seen.status();
        }
        String node = Upid.parse(handle.id()).map(Upid::node).orElse(handle.node());
        JsonNode data = http.send(ProxmoxRequest.get(ProxmoxRequest.path("nodes", node, "tasks", handle.id(), "status")));
        return status(data);
    }

    /**
     * The task ended as a task list entry shows it ({@code status} is the exit status there, as
     * {@code GET /nodes/{node}/tasks} answers ended tasks); the next {@link #status} of it answers that.
     */
    void listedEnded(String upid, String exitStatus, String type) {
        if (upid == null || exitStatus == null) {
            return;
        }
        Instant now = clock.instant();
        listed.values().removeIf(l -> l.at().isBefore(now.minus(LISTED_KEPT)));
        listed.put(upid, new Listed(stopped(exitStatus, type == null ? "" : type), now));
    }

    static TaskStatus status(JsonNode data) throws ProviderException {
        String status = Json.text(data, "status");
        if (status == null) {
            throw new ProviderException(Kind.TRANSIENT, "task status without 'status' field");
        }
        if (status.equalsIgnoreCase("running")) {
            return TaskStatus.running();
        }
        return stopped(Json.text(data, "exitstatus", ""), Json.text(data, "type", ""));
    }

    /** A stopped task by its exit status: succeeded ({@code OK}, warnings, goal reached) or failed. */
    private static TaskStatus stopped(String exit, String type) {
        if (exit.equals("OK") || exit.toUpperCase(Locale.ROOT).startsWith("WARNINGS")) {
            return new TaskStatus(TaskStatus.State.SUCCEEDED, exit);
        }
        if (goalReached(type, exit)) {
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

    private record Listed(TaskStatus status, Instant at) {
    }
}
