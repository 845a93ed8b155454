package io.berth.testbed.pve;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as a process. Prints where it listens, the token id and the certificate
 * fingerprint; the token secret and password only with {@code --print-secret} (or set them with
 * the {@code PVE_SIM_TOKEN_SECRET} and {@code PVE_SIM_PASSWORD} environment variables).
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar berth-testbed-pve-sim.jar [options]
              --port N                   TCP port (default 8006; 0 = any free port)
              --bind ADDR                loopback address to listen on (default 127.0.0.1)
              --http                     plain HTTP instead of HTTPS
              --profile fast|realistic   latency profile (default realistic)
              --nodes N                  number of nodes pve1..pveN (default 3)
              --seed N                   seed for repeatable runs
              --token-name NAME          API token name (default berth -> root@pam!berth)
              --print-secret             also print the token secret and the root@pam password
              --warm-up N                before serving, run N provisionings against a throwaway
                                         simulator (FAST latencies) to compile the hot code first
            Faults (can also be changed at run time: POST /_sim/faults):
              --error-rate X             share of API requests that fail (0..1)
              --error-kinds K,...        500, 503, timeout, reset (default 500)
              --error-phase before|after fail before handling, or after (answer lost)
              --error-path REGEX         only requests whose "METHOD /path" matches
              --hang-ms N                how long a 'timeout' request hangs (default 60000)
              --request-latency-ms N     extra latency on every API request
              --task-latency-ms N        extra run time of every task
              --task-failure-rate X      share of tasks that fail
              --fail-next-clones N       the next N clone tasks fail
              --task-failure-message S   exit status of injected task failures
              --task-warning-rate X      share of tasks ending with WARNINGS: 1
              --storage-lock-hold-ms N   how long disk allocations hold the storage lock
            Environment: PVE_SIM_TOKEN_SECRET, PVE_SIM_PASSWORD fix the credentials.
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        ParsedArgs parsed;
        try {
            parsed = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("pve-sim: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (parsed.help()) {
            System.out.print(USAGE);
            return;
        }
        if (parsed.warmUps() > 0) {
            long t0 = System.nanoTime();
            int requests = WarmUp.run(parsed.warmUps());
            System.out.println("warm-up: " + parsed.warmUps() + " provisionings, " + requests + " requests in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        PveSimulator sim = PveSimulator.start(parsed.options());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "pve-sim-shutdown"));
        printBanner(System.out, sim, parsed.printSecret());
        stopped.await();
    }

    /** The parsed command line. */
    record ParsedArgs(SimOptions options, boolean printSecret, boolean help, int warmUps) {
    }

    static ParsedArgs parse(String[] args, Map<String, String> env) {
        SimOptions.Builder b = SimOptions.builder().port(8006);
        FaultSettings.Builder f = FaultSettings.builder();
        boolean printSecret = false;
        int warmUps = 0;
        Deque<String> q = new ArrayDeque<>(List.of(args));
        while (!q.isEmpty()) {
            String a = q.removeFirst();
            switch (a) {
                case "-h", "--help" -> {
                    return new ParsedArgs(b.build(), false, true, 0);
                }
                case "--port" -> b.port(Integer.parseInt(value(q, a)));
                case "--bind" -> b.bindAddress(address(value(q, a)));
                case "--http" -> b.http();
                case "--profile" -> b.profile(LatencyProfile.valueOf(value(q, a).toUpperCase(Locale.ROOT)));
                case "--nodes" -> b.nodeCount(Integer.parseInt(value(q, a)));
                case "--seed" -> b.seed(Long.parseLong(value(q, a)));
                case "--token-name" -> b.tokenName(value(q, a));
                case "--print-secret" -> printSecret = true;
                case "--warm-up" -> warmUps = Integer.parseInt(value(q, a));
                case "--error-rate" -> f.errorRate(Double.parseDouble(value(q, a)));
                case "--error-kinds" -> f.errorKinds(kinds(value(q, a)));
                case "--error-phase" -> f.errorPhase(FaultPhase.valueOf(value(q, a).toUpperCase(Locale.ROOT)));
                case "--error-path" -> f.errorPathPattern(value(q, a));
                case "--hang-ms" -> f.hangDuration(millis(value(q, a)));
                case "--request-latency-ms" -> f.requestLatency(millis(value(q, a)));
                case "--task-latency-ms" -> f.taskLatency(millis(value(q, a)));
                case "--task-failure-rate" -> f.taskFailureRate(Double.parseDouble(value(q, a)));
                case "--fail-next-clones" -> f.failNextCloneTasks(Integer.parseInt(value(q, a)));
                case "--task-failure-message" -> f.taskFailureMessage(value(q, a));
                case "--task-warning-rate" -> f.taskWarningRate(Double.parseDouble(value(q, a)));
                case "--storage-lock-hold-ms" -> f.storageLockHold(millis(value(q, a)));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (env.get("PVE_SIM_TOKEN_SECRET") != null) {
            b.tokenSecret(env.get("PVE_SIM_TOKEN_SECRET"));
        }
        if (env.get("PVE_SIM_PASSWORD") != null) {
            b.password(env.get("PVE_SIM_PASSWORD"));
        }
        b.faults(f.build());
        return new ParsedArgs(b.build(), printSecret, false, warmUps);
    }

    static void printBanner(PrintStream out, PveSimulator sim, boolean printSecret) {
        out.println("PVE simulator listening on " + sim.baseUri() + "  (API: " + sim.apiUri() + ")");
        out.println("  profile:     " + sim.options().profile().name().toLowerCase(Locale.ROOT));
        out.println("  user:        " + sim.username());
        out.println("  token id:    " + sim.tokenId());
        if (printSecret) {
            out.println("  token secret: " + sim.tokenSecret());
            out.println("  password:     " + sim.password());
        } else {
            out.println("  token secret: (hidden; --print-secret shows it, PVE_SIM_TOKEN_SECRET sets it)");
        }
        if (sim.certificateSha256Fingerprint() != null) {
            out.println("  fingerprint: " + sim.certificateSha256Fingerprint());
        }
        out.println("  control:     " + sim.baseUri() + "/_sim/state | /_sim/faults | /_sim/reset");
        out.flush();
    }

    private static String value(Deque<String> q, String option) {
        if (q.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return q.removeFirst();
    }

    private static Duration millis(String v) {
        return Duration.ofMillis(Long.parseLong(v));
    }

    private static EnumSet<ErrorKind> kinds(String v) {
        EnumSet<ErrorKind> out = EnumSet.noneOf(ErrorKind.class);
        for (String k : v.split(",")) {
            out.add(ErrorKind.parse(k));
        }
        return out;
    }

    private static InetAddress address(String v) {
        try {
            return InetAddress.getByName(v);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("unknown address " + v);
        }
    }
}
