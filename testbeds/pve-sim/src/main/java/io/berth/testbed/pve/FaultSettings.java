package io.berth.testbed.pve;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One set of injected faults (immutable). All of it can be set at start ({@link SimOptions}),
 * through {@link Faults} at run time, or with {@code POST /_sim/faults}.
 *
 * @param errorRate          probability (0…1) that an {@code /api2} request fails with one of {@code errorKinds}
 * @param errorKinds         the failures to pick from (uniformly) when a request fails
 * @param errorPhase         whether the failure strikes before the request is handled or after (answer lost)
 * @param errorPathPattern   a regular expression a request's method and path ({@code "POST /nodes/pve1/qemu/9000/clone"})
 *                           must contain for the error rate to apply, or null for every request
 * @param hangDuration       how long a {@link ErrorKind#TIMEOUT} request hangs before the connection is closed
 * @param requestLatency     added to every {@code /api2} request
 * @param taskLatency        added to the run time of every task
 * @param taskFailureRate    probability (0…1) that a task fails at the point where it would commit its change
 * @param failNextCloneTasks the next this-many clone tasks fail (counts down)
 * @param taskFailureMessage the exit status of injected task failures, or null for a realistic one per task type
 * @param taskWarningRate    probability (0…1) that a successful task ends with {@code WARNINGS: 1}
 * @param storageLockHold    overrides how long a disk allocation holds its storage's lock (lock contention), or null
 */
public record FaultSettings(double errorRate, Set<ErrorKind> errorKinds, FaultPhase errorPhase, String errorPathPattern,
                            Duration hangDuration, Duration requestLatency, Duration taskLatency, double taskFailureRate,
                            int failNextCloneTasks, String taskFailureMessage, double taskWarningRate,
                            Duration storageLockHold) {

    /** No faults at all. */
    public static final FaultSettings NONE = builder().build();

    public FaultSettings {
        checkRate("errorRate", errorRate);
        checkRate("taskFailureRate", taskFailureRate);
        checkRate("taskWarningRate", taskWarningRate);
        errorKinds = errorKinds == null || errorKinds.isEmpty() ? Set.of(ErrorKind.HTTP_500) : Set.copyOf(errorKinds);
        errorPhase = errorPhase == null ? FaultPhase.BEFORE : errorPhase;
        Objects.requireNonNull(hangDuration, "hangDuration");
        Objects.requireNonNull(requestLatency, "requestLatency");
        Objects.requireNonNull(taskLatency, "taskLatency");
        if (failNextCloneTasks < 0) {
            throw new IllegalArgumentException("failNextCloneTasks must not be negative");
        }
        if (errorPathPattern != null) {
            try {
                Pattern.compile(errorPathPattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("errorPathPattern is not a regular expression: " + e.getDescription());
            }
        }
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .errorRate(errorRate).errorKinds(errorKinds).errorPhase(errorPhase).errorPathPattern(errorPathPattern)
                .hangDuration(hangDuration).requestLatency(requestLatency).taskLatency(taskLatency)
                .taskFailureRate(taskFailureRate).failNextCloneTasks(failNextCloneTasks)
                .taskFailureMessage(taskFailureMessage).taskWarningRate(taskWarningRate)
                .storageLockHold(storageLockHold);
    }

    /** Builds {@link FaultSettings}; everything defaults to "no fault". */
    public static final class Builder {
        private double errorRate;
        private Set<ErrorKind> errorKinds = EnumSet.of(ErrorKind.HTTP_500);
        private FaultPhase errorPhase = FaultPhase.BEFORE;
        private String errorPathPattern;
        private Duration hangDuration = Duration.ofSeconds(60);
        private Duration requestLatency = Duration.ZERO;
        private Duration taskLatency = Duration.ZERO;
        private double taskFailureRate;
        private int failNextCloneTasks;
        private String taskFailureMessage;
        private double taskWarningRate;
        private Duration storageLockHold;

        private Builder() {
        }

        public Builder errorRate(double v) { errorRate = v; return this; }
        public Builder errorKinds(Set<ErrorKind> v) { errorKinds = v; return this; }
        public Builder errorKinds(ErrorKind first, ErrorKind... rest) { errorKinds = EnumSet.of(first, rest); return this; }
        public Builder errorPhase(FaultPhase v) { errorPhase = v; return this; }
        public Builder errorPathPattern(String v) { errorPathPattern = v; return this; }
        public Builder hangDuration(Duration v) { hangDuration = v; return this; }
        public Builder requestLatency(Duration v) { requestLatency = v; return this; }
        public Builder taskLatency(Duration v) { taskLatency = v; return this; }
        public Builder taskFailureRate(double v) { taskFailureRate = v; return this; }
        public Builder failNextCloneTasks(int v) { failNextCloneTasks = v; return this; }
        public Builder taskFailureMessage(String v) { taskFailureMessage = v; return this; }
        public Builder taskWarningRate(double v) { taskWarningRate = v; return this; }
        public Builder storageLockHold(Duration v) { storageLockHold = v; return this; }

        public FaultSettings build() {
            return new FaultSettings(errorRate, errorKinds, errorPhase, errorPathPattern, hangDuration, requestLatency,
                    taskLatency, taskFailureRate, failNextCloneTasks, taskFailureMessage, taskWarningRate,
                    storageLockHold);
        }
    }
}
