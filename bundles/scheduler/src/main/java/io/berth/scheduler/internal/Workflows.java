package io.berth.scheduler.internal;

import io.berth.api.job.JobKind;

import java.util.EnumMap;
import java.util.Map;

/** The workflow of each job kind. */
final class Workflows {

    private final Map<JobKind, Workflow> byKind = new EnumMap<>(JobKind.class);

    Workflows() {
        add(new ProvisionWorkflow());
        add(new PowerWorkflow(JobKind.START));
        add(new PowerWorkflow(JobKind.STOP));
        add(new PowerWorkflow(JobKind.SHUTDOWN));
        add(new PowerWorkflow(JobKind.REBOOT));
        add(new TerminateWorkflow());
    }

    private void add(Workflow w) {
        byKind.put(w.kind(), w);
    }

    Workflow of(JobKind kind) {
        Workflow w = byKind.get(kind);
        if (w == null) {
            throw new IllegalArgumentException("no workflow for " + kind);
        }
        return w;
    }
}
