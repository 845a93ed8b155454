package io.berth.scheduler.internal;

import java.util.Objects;

/**
 * A step whose work comes with a later issue (VPN peers, DNS records, exposures). It is already in
 * the step list so that the numbering of persisted steps does not change when it gets its work:
 * replace this with the real step, keeping the name.
 */
final class HookStep implements Step {

    private final String name;
    private final String label;
    private final String note;

    HookStep(String name, String label, String note) {
        this.name = Objects.requireNonNull(name, "name");
        this.label = Objects.requireNonNull(label, "label");
        this.note = Objects.requireNonNull(note, "note");
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
    public StepResult run(StepContext ctx) {
        return StepResult.done("skipped: " + note);
    }
}
