package io.berth.scheduler.internal;

import io.berth.api.hypervisor.VmState;
import io.berth.api.job.JobKind;
import io.berth.api.server.ServerStatus;
import io.berth.core.internal.db.Jooq;
import io.berth.core.internal.db.Migrations;
import io.berth.core.internal.job.JdbcJobStore;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Jobs per second through the scheduler: a backlog of jobs is enqueued the way core does (jobs row +
 * scheduled_tasks row), then one or more engines drain it against an instant in-memory hypervisor
 * and a real PostgreSQL (embedded, with synchronous_commit on). Usage:
 *
 * <pre>
 * JobsBench [--jobs 2000] [--nodes 1] [--threads 8] [--kind provision|start] [--polling-ms 300] [--warmup 200]
 * </pre>
 */
public final class JobsBench {

    private static final java.util.concurrent.atomic.AtomicInteger VM_IDS = new java.util.concurrent.atomic.AtomicInteger();

    private JobsBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(options(args));
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // no engine thread outlives the bench
    }

    private static void run(Map<String, String> opts) throws Exception {
        int jobs = Integer.parseInt(opts.getOrDefault("jobs", "2000"));
        int nodes = Integer.parseInt(opts.getOrDefault("nodes", "1"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "8"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "200"));
        long pollingMs = Long.parseLong(opts.getOrDefault("polling-ms", "300"));
        JobKind kind = JobKind.fromWireName(opts.getOrDefault("kind", "provision"));

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (HikariDataSource ds = TestDatabase.pool(url, 2)) {
                new Migrations(JobsBench.class.getClassLoader()).migrate(ds);
            }
            Settings base = Settings.defaults("bench");
            Settings settings = new Settings("bench", threads, Duration.ofMillis(pollingMs), base.heartbeatInterval(),
                    base.missedHeartbeats(), base.maxAttempts(), base.backoffBase(), base.backoffMax(),
                    base.taskPollInterval(), base.providerWait(), Duration.ZERO, base.stateWait(),
                    base.placementTries(), base.cloudInitUser(), false, base.reconcileInterval(), base.shutdownWait());
            FakeHypervisor hv = new FakeHypervisor("bench");
            try (Seed seed = new Seed(url, "bench")) {
                List<Node> running = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    running.add(new Node("node-" + (i + 1), url, settings).register(hv).start());
                }
                JdbcJobStore store = new JdbcJobStore(Jooq.create(seed.ds));
                if (warmup > 0) {
                    drain(seed, store, hv, kind, warmup, Duration.ofMinutes(5));
                    System.out.printf(Locale.ROOT, "warm-up: %d %s jobs%n", warmup, kind.wireName());
                }
                for (Node n : running) {
                    n.close(); // enqueue the measured backlog while no engine runs
                }
                List<UUID> ids = enqueue(seed, store, hv, kind, jobs);
                List<Node> measured = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    measured.add(new Node("node-" + (i + 1), url, settings).register(hv));
                }
                long tx0 = seed.count("select xact_commit from pg_stat_database where datname = current_database()");
                long t0 = System.nanoTime();
                measured.forEach(Node::start);
                await(seed, ids.size() + warmup, Duration.ofMinutes(30));
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Integer> perNode = new HashMap<>();
                for (Node n : measured) {
                    perNode.put(n.name, n.lifecycle.settledCalls.size());
                    n.close();
                }
                long tx = seed.count("select xact_commit from pg_stat_database where datname = current_database()") - tx0;
                long failed = seed.count("select count(*) from jobs where status <> 'succeeded'");
                System.out.printf(Locale.ROOT, "kind=%s jobs=%d nodes=%d threads=%d polling_ms=%d seconds=%.2f "
                        + "jobs_per_s=%.1f failed=%d per_node=%s db_commits_per_job=%.1f%n", kind.wireName(), jobs, nodes,
                        threads, pollingMs, seconds, jobs / seconds, failed, perNode, (double) tx / jobs);
            }
        }
    }

    private static void drain(Seed seed, JdbcJobStore store, FakeHypervisor hv, JobKind kind, int n, Duration max) {
        enqueue(seed, store, hv, kind, n);
        await(seed, n, max);
    }

    private static List<UUID> enqueue(Seed seed, JdbcJobStore store, FakeHypervisor hv, JobKind kind, int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID server;
            if (kind == JobKind.PROVISION) {
                server = seed.server(ServerStatus.PROVISIONING);
            } else {
                String vmId = String.valueOf(100_000 + VM_IDS.incrementAndGet());
                server = seed.server(ServerStatus.STARTING, "pve1", vmId);
                hv.addVm("pve1", vmId, server.toString(), "bench", VmState.Power.STOPPED);
            }
            ids.add(store.enqueue(kind, server, Map.of()));
        }
        return ids;
    }

    private static void await(Seed seed, long succeeded, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (seed.count("select count(*) from jobs where status in ('succeeded', 'failed')") < succeeded) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("jobs did not finish within " + max);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }

    static {
        // quiet by default; the result line is printed on stdout
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    }
}
