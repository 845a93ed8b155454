package io.berth.provider.proxmox.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.Placement;
import io.berth.api.hypervisor.PowerAction;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.hypervisor.TaskStatus;
import io.berth.api.hypervisor.VmRef;
import io.berth.api.hypervisor.VmSpec;
import io.berth.api.hypervisor.VmState;
import io.berth.api.provider.ProviderException;
import io.berth.api.provider.ProviderException.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the SPI steps in the order the scheduler will, the way it will: each step's result is
 * "persisted" (kept) before the next one, retryable failures are retried with backoff until a
 * deadline, ALREADY_EXISTS on clone means a new placement avoiding the ids tried, a failed task
 * fails the provisioning. With {@code repeatSteps} every step is called twice, as after a crash
 * between "call made" and "result stored".
 */
final class ProvisioningDriver {

    /** What a finished provisioning left behind. */
    record Result(VmRef vm, String address, int placements, TaskHandle cloneTask) {
    }

    /** The provisioning failed for good; {@code vm} is where the VM was to be (for cleanup), if placed. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        final transient VmRef vm;

        Failed(String message, VmRef vm, Throwable cause) {
            super(message, cause);
            this.vm = vm;
        }
    }

    @FunctionalInterface
    interface Step<T> {
        T call() throws ProviderException;
    }

    private final Hypervisor hypervisor;
    private final Duration deadline;
    private final boolean repeatSteps;
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger failedClones = new AtomicInteger();

    ProvisioningDriver(Hypervisor hypervisor, Duration deadline, boolean repeatSteps) {
        this.hypervisor = hypervisor;
        this.deadline = deadline;
        this.repeatSteps = repeatSteps;
    }

    Result provision(VmSpec spec) throws Failed {
        Instant end = Instant.now().plus(deadline);
        List<String> avoid = new ArrayList<>();
        VmRef vm = null;
        try {
            Placement placement = step(end, () -> hypervisor.place(spec, List.copyOf(avoid)));
            int placements = 1;
            TaskHandle clone;
            while (true) {
                Placement current = placement;
                vm = current.vm();
                try {
                    clone = change(end, () -> hypervisor.clone(current, spec));
                } catch (ProviderException e) {
                    if (e.kind() != Kind.ALREADY_EXISTS) {
                        throw e;
                    }
                    avoid.add(current.vm().vmId());
                    placement = step(end, () -> hypervisor.place(spec, List.copyOf(avoid)));
                    placements++;
                    continue;
                }
                TaskStatus cloned = finalStatus(end, clone);
                if (cloned.state() == TaskStatus.State.SUCCEEDED) {
                    break;
                }
                failedClones.incrementAndGet();
                if (cloned.failure() == Kind.ALREADY_EXISTS) {
                    avoid.add(current.vm().vmId()); // the id was taken meanwhile: another one
                    placement = step(end, () -> hypervisor.place(spec, List.copyOf(avoid)));
                    placements++;
                } else if (!cloned.retryable()) {
                    throw new Failed("clone task of " + vm + " failed: " + cloned.detail(), vm, null);
                }
                // a lock timeout inside the task: the failed clone removed its VM, clone again
                pause(end, 50);
            }
            VmRef target = vm;
            awaitTask(end, "configure", change(end, () -> hypervisor.configure(target, spec)), vm);
            awaitTask(end, "resize", change(end, () -> hypervisor.resizeDisk(target, spec)), vm);
            awaitTask(end, "start", change(end, () -> hypervisor.power(target, PowerAction.START)), vm);
            String address = null;
            while (address == null) {
                Optional<String> found = step(end, () -> hypervisor.guestAddress(target));
                if (found.isPresent()) {
                    address = found.get();
                } else {
                    pause(end, 50);
                }
            }
            VmState state = step(end, () -> hypervisor.state(target));
            if (state.power() != VmState.Power.RUNNING) {
                throw new Failed("VM " + vm + " is " + state.power() + " after start", vm, null);
            }
            return new Result(vm, address, placements, clone);
        } catch (ProviderException e) {
            throw new Failed("provisioning " + spec.serverId() + " failed: " + e.kind() + " " + e.getMessage(), vm, e);
        }
    }

    /** Deletes the VM, waiting for the deletion task. */
    void destroy(VmRef vm) throws ProviderException, Failed {
        Instant end = Instant.now().plus(deadline);
        awaitTask(end, "delete", change(end, () -> hypervisor.delete(vm)), vm);
    }

    void awaitTask(Instant end, String what, Optional<TaskHandle> handle, VmRef vm) throws ProviderException, Failed {
        if (handle.isPresent()) {
            awaitTask(end, what, handle.get(), vm);
        }
    }

    void awaitTask(Instant end, String what, TaskHandle handle, VmRef vm) throws ProviderException, Failed {
        TaskStatus status = finalStatus(end, handle);
        if (status.state() == TaskStatus.State.FAILED) {
            throw new Failed(what + " task of " + vm + " failed: " + status.detail(), vm, null);
        }
    }

    TaskStatus finalStatus(Instant end, TaskHandle handle) throws ProviderException {
        while (true) {
            TaskStatus status = step(end, () -> hypervisor.task(handle));
            if (status.done()) {
                return status;
            }
            pause(end, 30);
        }
    }

    /**
     * Cleans up after a failed provisioning the way the scheduler must: only a VM that is this
     * server's (or carries no server id yet) is deleted, never one another server won the id for.
     */
    void cleanUp(VmRef vm, String serverId) throws ProviderException, Failed {
        Instant end = Instant.now().plus(deadline);
        VmState state = step(end, () -> hypervisor.state(vm));
        if (state.power() == VmState.Power.ABSENT || (state.serverId() != null && !state.serverId().equals(serverId))) {
            return;
        }
        awaitTask(end, "delete", change(end, () -> hypervisor.delete(state.vm())), vm);
    }

    /**
     * A step that changes something; with {@code repeatSteps} it is called twice, as after a crash
     * before its result was stored. A repeated clone must answer the same task.
     */
    <T> T change(Instant end, Step<T> step) throws ProviderException {
        T result = step(end, step);
        if (repeatSteps) {
            T again = step(end, step);
            if (result instanceof TaskHandle && !result.equals(again)) {
                throw new AssertionError("repeated clone answered another task: " + result + " then " + again);
            }
        }
        return result;
    }

    /** Calls a step until it succeeds or fails for good; retryable failures are retried with backoff. */
    <T> T step(Instant end, Step<T> step) throws ProviderException {
        long backoff = 20;
        while (true) {
            try {
                return step.call();
            } catch (ProviderException e) {
                if (!e.retryable() || Instant.now().isAfter(end)) {
                    throw e;
                }
                retries.incrementAndGet();
                pause(end, backoff + ThreadLocalRandom.current().nextLong(backoff));
                backoff = Math.min(backoff * 2, 400);
            }
        }
    }

    private static void pause(Instant end, long ms) throws ProviderException {
        if (Instant.now().isAfter(end)) {
            throw new ProviderException(Kind.TRANSIENT, "driver deadline passed");
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.TRANSIENT, "interrupted", e);
        }
    }
}
