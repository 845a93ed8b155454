package io.berth.testbed.pve.internal.faults;

import io.berth.testbed.pve.ErrorKind;
import io.berth.testbed.pve.FaultSettings;
import io.berth.testbed.pve.Faults;
import io.berth.testbed.pve.internal.task.TaskFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Turns the current {@link Faults} into decisions: whether a request fails and how, whether a
 * task fails or warns, how long storage locks are held. Uses the simulator's seeded random.
 */
public final class FaultInjector implements TaskFaults {

    private static final String CLONE_TASK = "qmclone";

    private final Faults faults;
    private final Random random;

    public FaultInjector(Faults faults, Random random) {
        this.faults = faults;
        this.random = random;
    }

    /** Decides, once per request, whether it fails and with which kind. */
    public Optional<RequestFault> requestFault(String method, String path) {
        FaultSettings s = faults.settings();
        if (s.errorRate() <= 0) {
            return Optional.empty();
        }
        if (s.errorPathPattern() != null && !Pattern.compile(s.errorPathPattern()).matcher(method + " " + path).find()) {
            return Optional.empty();
        }
        if (random.nextDouble() >= s.errorRate()) {
            return Optional.empty();
        }
        List<ErrorKind> kinds = new ArrayList<>(s.errorKinds());
        kinds.sort(null);
        ErrorKind kind = kinds.get(random.nextInt(kinds.size()));
        return Optional.of(new RequestFault(kind, s.errorPhase(), s.hangDuration()));
    }

    public Duration requestLatency() {
        return faults.settings().requestLatency();
    }

    /** How long an allocation holds a storage lock: the fault's override, else the profile's value. */
    public Duration storageLockHold(Duration profileValue) {
        Duration override = faults.settings().storageLockHold();
        return override != null ? override : profileValue;
    }

    @Override
    public boolean shouldFail(String type) {
        if (CLONE_TASK.equals(type)) {
            FaultSettings before = faults.getAndUpdate(s -> s.failNextCloneTasks() > 0
                    ? s.toBuilder().failNextCloneTasks(s.failNextCloneTasks() - 1).build() : s);
            if (before.failNextCloneTasks() > 0) {
                return true;
            }
        }
        double rate = faults.settings().taskFailureRate();
        return rate > 0 && random.nextDouble() < rate;
    }

    @Override
    public String failureMessage() {
        return faults.settings().taskFailureMessage();
    }

    @Override
    public boolean shouldWarn(String type) {
        double rate = faults.settings().taskWarningRate();
        return rate > 0 && random.nextDouble() < rate;
    }

    @Override
    public Duration extraLatency() {
        return faults.settings().taskLatency();
    }

    /**
     * One injected request failure.
     *
     * @param kind  what happens
     * @param phase before or after the request is handled
     * @param hang  how long a timeout hangs
     */
    public record RequestFault(ErrorKind kind, io.berth.testbed.pve.FaultPhase phase, Duration hang) {
    }
}
