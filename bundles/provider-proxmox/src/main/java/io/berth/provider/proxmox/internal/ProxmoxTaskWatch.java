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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whoever waits for a task when it ended, from one read per node of the node's task list
 * ({@code GET /nodes/{node}/tasks?source=all&since=…}: every task started since, the ended ones with
 * {@code endtime} and their exit status, the running ones with status {@code RUNNING}) every {@code interval}, instead of a status read per task and
 * look. Only nodes with watched tasks are read, from the start of the oldest one watched there, each
 * node on its own schedule (a fixed rate) so that a slow node's answer does not hold up the others'
 * notices; a task not seen ended within {@link #GIVE_UP_AFTER} is dropped (the waiter still looks
 * itself now and then). A watched task's exit status as listed is handed to {@link ProxmoxTasks}, so
 * the waiter's status read after the notice needs no request. Up to {@link #READERS} daemon threads,
 * started with the first watch and ended when idle; {@link #close()} stops them.
 */
final class ProxmoxTaskWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxTaskWatch.class);
    /** Tasks per list request; more are read with {@code start}. */
    static final int PAGE = 500;
    static final Duration GIVE_UP_AFTER = Duration.ofHours(1);
    /** Nodes read at the same time; more busy nodes than that take turns. */
    static final int READERS = 4;

    private final ProxmoxHttp http;
    private final ProxmoxTasks tasks;
    private final Duration interval;
    private final Clock clock;
    private final String threadName;
    private final Map<String, Map<String, Watched>> byNode = new HashMap<>(); // guarded by itself
    private final Map<String, ScheduledFuture<?>> reading = new HashMap<>(); // guarded by byNode
    private ScheduledThreadPoolExecutor readers; // guarded by byNode
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
        String node = upid.node();
        synchronized (byNode) {
            if (closed) {
                return false;
            }
            byNode.computeIfAbsent(node, n -> new HashMap<>())
                    .computeIfAbsent(upid.text(), u -> new Watched(upid, clock.instant(), new LinkedHashSet<>()))
                    .callbacks().add(whenEnded);
            if (!reading.containsKey(node)) {
                reading.put(node, readers().scheduleAtFixedRate(() -> readNode(node), interval.toMillis(),
                        interval.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
        return true;
    }

    /** The reader threads, made with the first watch; idle ones end after a minute. Holds byNode. */
    private ScheduledThreadPoolExecutor readers() {
        if (readers == null) {
            readers = new ScheduledThreadPoolExecutor(READERS, new DaemonThreads(threadName));
            readers.setKeepAliveTime(1, TimeUnit.MINUTES);
            readers.allowCoreThreadTimeOut(true);
            readers.setRemoveOnCancelPolicy(true);
        }
        return readers;
    }

    /** One look at the node's task list, or the end of its reads when nothing is watched there. */
    private void readNode(String node) {
        long since;
        synchronized (byNode) {
            Map<String, Watched> watched = byNode.get(node);
            if (watched != null) {
                Instant tooOld = clock.instant().minus(GIVE_UP_AFTER);
                watched.values().removeIf(w -> w.since().isBefore(tooOld));
            }
            if (watched == null || watched.isEmpty()) {
                byNode.remove(node);
                ScheduledFuture<?> own = reading.remove(node);
                if (own != null) {
                    own.cancel(false); // the next watch there schedules again
                }
                return;
            }
            since = watched.values().stream().mapToLong(w -> w.upid().startTime()).min().orElse(0);
        }
        read(node, since);
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
            Map<String, Watched> watched = byNode.get(node); // null once closed
            for (Map.Entry<String, JsonNode> task : ended.entrySet()) {
                Watched w = watched == null ? null : watched.remove(task.getKey());
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
        ScheduledThreadPoolExecutor stopping;
        synchronized (byNode) {
            closed = true;
            byNode.clear();
            reading.clear();
            stopping = readers;
            readers = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }

    /** A watched task and who to tell (each once, however often it asked). */
    private record Watched(Upid upid, Instant since, Set<Runnable> callbacks) {
    }
}
