package io.berth.migrator.whmcs.internal;

import io.berth.api.billing.ImportSummary;

/** The summary as text for a terminal: per entity the counts, then skip reasons and unmapped names. */
public final class SummaryText {

    private SummaryText() {
    }

    public static String render(ImportSummary s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.dryRun() ? "WHMCS import (dry run: nothing written)\n" : "WHMCS import\n");
        sb.append(String.format("  %-10s %9s %9s %9s %9s%n", "entity", "created", "updated", "unchanged", "skipped"));
        s.counts().forEach((entity, c) -> sb.append(String.format("  %-10s %9d %9d %9d %9d%n", entity, c.created(),
                c.updated(), c.unchanged(), c.skipped())));
        if (!s.skipReasons().isEmpty()) {
            sb.append("skipped and defaulted:\n");
            s.skipReasons().forEach((r, n) -> sb.append(String.format("  %7d  %s%n", n, r)));
        }
        if (!s.unmapped().isEmpty()) {
            sb.append("unmapped options and fields (kept as attributes):\n");
            s.unmapped().forEach(u -> sb.append("  ").append(u).append('\n'));
        }
        return sb.toString();
    }
}
