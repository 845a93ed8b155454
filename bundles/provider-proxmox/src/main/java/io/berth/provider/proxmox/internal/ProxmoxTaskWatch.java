package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.provider.ProviderException;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whoever waits for a task when it ended, from one read per node of the node's task list
 * ({@code GET /nodes/{node}/tasks?source=all&since=…}: every task started since, the ended ones with
 * {@code endtime} and their exit status, the running ones with status {@code RUNNING}) every {@code interval}, instead of a status read per task and
 * look. Only nodes with watched tasks are read, from the start of the oldest one watched there; a
 * task not seen ended within {@link #GIVE_UP_AFTER} is dropped (the waiter still looks itself now and
 * then). A watched task's exit status as listed is handed to {@link ProxmoxTasks}, so the waiter's
 * status read after the notice needs no request. One daemon thread, started with the first watch;
 * {@link #close()} stops it.
 */
final class ProxmoxTaskWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxTaskWatch.class);
    /** Tasks per list request; more are read with {@code start}. */
    static final int PAGE = 500;
    static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

    private final ProxmoxHttp http;
    private final ProxmoxTasks tasks;
    private final Duration interval;
    private final Clock clock;
    private final String threadName;
    private final Map<String, Map<String, Watched>> byNode = new HashMap<>(); // guarded by itself
    private ScheduledExecutorService reader; // guarded by byNode
    private ScheduledFuture<?> reading; // guarded by byNode
    private boolean closed; // guarded by byNode

    ProxmoxTaskWatch(ProxmoxHttp http, ProxmoxTasks tasks, Duration interval, Clock clock, String threadName) {
        this.http = Objects.requireNonNull(http, "http");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
    }

    /** Watches the task (a UPID); {@code false} when its id is not a UPID or the watch is closed. */
    boolean watch(TaskHandle handle, Runnable whenEnded) {
        Objects.requireNonNull(whenEnded, "whenEnded");
        Upid upid = Upid.parse(handle.id()).orElse(null);
        if (upid == null) {
            return false;
        }
        synchronized (byNode) {
            if (closed) {
                return false;
            }
            byNode.computeIfAbsent(upid.node(), n -> new HashMap<>())
                    .computeIfAbsent(upid.text(), u -> new Watched(upid, clock.instant(), new LinkedHashSet<>()))
                    .callbacks().add(whenEnded);
            if (reader == null) {
                reader = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
            }
            if (reading == null) {
                reading = reader.scheduleWithFixedDelay(this::readAll, interval.toMillis(), interval.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
        return true;
    }

    /** One look at every node with watched tasks; runs on the reader thread. */
    private void readAll() {
        Map<String, Long> since = new HashMap<>();
        synchronized (byNode) {
            Instant tooOld = clock.instant().minus(GIVE_UP_AFTER);
            byNode.values().forEach(tasks -> tasks.values().removeIf(w -> w.since().isBefore(tooOld)));
            byNode.values().removeIf(Map::isEmpty);
            if (byNode.isEmpty() && reading != null) {
                reading.cancel(false); // nothing to watch: the next watch schedules again
                reading = null;
                return;
            }
            byNode.forEach((node, tasks) -> since.put(node,
                    tasks.values().stream().mapToLong(w -> w.upid().startTime()).min().orElse(0)));
        }
        since.forEach(this::read);
    }

    private void read(String node, long since) {
        Map<String, JsonNode> ended = new HashMap<>();
        try {
            for (int start = 0; ; start += PAGE) {
                JsonNode page = http.send(ProxmoxRequest.get(ProxmoxRequest.path("nodes", node, "tasks"))
                        .with("source", "all").with("since", since).with("start", start).with("limit", PAGE));
                for (JsonNode task : page) {
                    // an active task is listed with status RUNNING and no end time (PVE::API2::Tasks)
                    if (task.hasNonNull("endtime") && !"RUNNING".equals(Json.text(task, "status"))) {
                        String upid = Json.text(task, "upid");
                        if (upid != null) {
                            ended.put(upid, task);
                        }
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        } catch (ProviderException | RuntimeException e) {
            LOG.debug("proxmox task list not read node={} reason={}", node, e.getMessage());
            return;
        }
        List<Runnable> due = new ArrayList<>();
        LOG.debug("proxmox task list read node={} since={} ended={}", node, since, ended.size());
        synchronized (byNode) {
            Map<String, Watched> watched = byNode.getOrDefault(node, Map.of());
            for (Map.Entry<String, JsonNode> task : ended.entrySet()) {
                Watched w = watched.remove(task.getKey());
                if (w != null) {
                    // the list shows the exit status: the waiter's look that follows needs no request
                    tasks.listedEnded(task.getKey(), Json.text(task.getValue(), "status"),
                            Json.text(task.getValue(), "type"));
                    due.addAll(w.callbacks());
                }
            }
        }
        for (Runnable callback : due) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.warn("task watcher's callback failed node={} reason={}", node, e.toString());
            }
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (byNode) {
            closed = true;
            byNode.clear();
            stopping = reader;
            reader = null;
            reading = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }

    /** A watched task and who to tell (each once, however often it asked). */
    private record Watched(Upid upid, Instant since, Set<Runnable> callbacks) {
    }
}
