package io.berth.scheduler.internal;

import io.berth.api.provider.ProviderException;

import java.util.Locale;

/** Failures as one line for job records and logs (provider messages carry no credentials). */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown failure";
        }
        if (t instanceof JobTask.JobRunException && t.getCause() != null) {
            return describe(t.getCause());
        }
        if (t instanceof ProviderException p) {
            return p.kind().name().toLowerCase(Locale.ROOT) + ": " + p.getMessage();
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
