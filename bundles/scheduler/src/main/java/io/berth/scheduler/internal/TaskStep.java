package io.berth.scheduler.internal;

import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.hypervisor.TaskHandle;
import io.berth.api.provider.ProviderException;

import java.util.Objects;
import java.util.Optional;

/** A step that asks the hypervisor for one idempotent operation on the server's VM and waits for its task. */
final class TaskStep implements Step {

    @FunctionalInterface
    interface Operation {
        Optional<TaskHandle> start(StepContext ctx, Hypervisor hv) throws ProviderException;
    }

    private final String name;
    private final String label;
    private final Operation operation;

    TaskStep(String name, String label, Operation operation) {
        this.name = Objects.requireNonNull(name, "name");
        this.label = Objects.requireNonNull(label, "label");
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public StepResult run(StepContext ctx) throws ProviderException {
        Hypervisor hv = ctx.hypervisor();
        return TaskWait.await(ctx, hv, name, () -> operation.start(ctx, hv));
    }
}
