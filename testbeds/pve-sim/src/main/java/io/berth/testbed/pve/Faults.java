package io.berth.testbed.pve;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The simulator's current faults, changeable at run time from any thread. Each change replaces
 * the whole {@link FaultSettings} atomically; the fluent setters change one aspect.
 */
public final class Faults {

    private final AtomicReference<FaultSettings> current;

    public Faults(FaultSettings initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    /** The faults in force now. */
    public FaultSettings settings() {
        return current.get();
    }

    /** Replaces all faults. */
    public Faults set(FaultSettings settings) {
        current.set(Objects.requireNonNull(settings));
        return this;
    }

    /** Removes all faults. */
    public Faults clear() {
        return set(FaultSettings.NONE);
    }

    /** Atomically changes the faults; returns the settings that were in force before. */
    public FaultSettings getAndUpdate(UnaryOperator<FaultSettings> change) {
        return current.getAndUpdate(change);
    }

    /** Requests fail with this probability, with one of these kinds (500 when none given). */
    public Faults errorRate(double rate, ErrorKind... kinds) {
        EnumSet<ErrorKind> set = kinds.length == 0 ? EnumSet.of(ErrorKind.HTTP_500) : EnumSet.noneOf(ErrorKind.class);
        for (ErrorKind k : kinds) {
            set.add(k);
        }
        return change(b -> b.errorRate(rate).errorKinds(set));
    }

    /** Only requests whose {@code "METHOD /path"} contains a match fail (null: all). */
    public Faults errorPathPattern(String regex) {
        return change(b -> b.errorPathPattern(regex));
    }

    /** Whether injected request errors strike before or after the request is handled. */
    public Faults errorPhase(FaultPhase phase) {
        return change(b -> b.errorPhase(phase));
    }

    /** How long a {@link ErrorKind#TIMEOUT} request hangs. */
    public Faults hangDuration(Duration d) {
        return change(b -> b.hangDuration(d));
    }

    public Faults requestLatency(Duration d) {
        return change(b -> b.requestLatency(d));
    }

    public Faults taskLatency(Duration d) {
        return change(b -> b.taskLatency(d));
    }

    public Faults taskFailureRate(double rate) {
        return change(b -> b.taskFailureRate(rate));
    }

    /** The next {@code n} clone tasks fail. */
    public Faults failNextCloneTasks(int n) {
        return change(b -> b.failNextCloneTasks(n));
    }

    public Faults taskFailureMessage(String message) {
        return change(b -> b.taskFailureMessage(message));
    }

    public Faults taskWarningRate(double rate) {
        return change(b -> b.taskWarningRate(rate));
    }

    /** Disk allocations hold their storage's lock this long (null: the latency profile's value). */
    public Faults storageLockHold(Duration d) {
        return change(b -> b.storageLockHold(d));
    }

    private Faults change(UnaryOperator<FaultSettings.Builder> change) {
        current.updateAndGet(s -> change.apply(s.toBuilder()).build());
        return this;
    }
}
