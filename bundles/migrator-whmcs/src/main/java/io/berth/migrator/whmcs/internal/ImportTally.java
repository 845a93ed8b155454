package io.berth.migrator.whmcs.internal;

import io.berth.api.billing.ImportSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts outcomes per entity, skip reasons and unmapped option/field names during a run. */
public final class ImportTally {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String UNCHANGED = "unchanged";
    public static final String SKIPPED = "skipped";

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, Long> reasons = new TreeMap<>();
    private final Map<String, Long> unmapped = new TreeMap<>();
    private final Map<String, Long> defaulted = new TreeMap<>();

    public void count(String entity, String outcome) {
        add(entity, outcome, 1);
    }

    public void add(String entity, String outcome, long n) {
        long[] c = counts.computeIfAbsent(entity, k -> new long[4]);
        switch (outcome) {
            case CREATED -> c[0] += n;
            case UPDATED -> c[1] += n;
            case UNCHANGED -> c[2] += n;
            default -> c[3] += n;
        }
    }

    public void skipped(String entity, String reason) {
        count(entity, SKIPPED);
        reasons.merge(entity + ": " + reason, 1L, Long::sum);
    }

    public void unmapped(List<String> names) {
        for (String n : names) {
            unmapped.merge(n, 1L, Long::sum);
        }
    }

    public void defaulted(List<String> fields) {
        for (String f : fields) {
            defaulted.merge(f, 1L, Long::sum);
        }
    }

    public ImportSummary summary(boolean dryRun) {
        Map<String, ImportSummary.Counts> out = new LinkedHashMap<>();
        counts.forEach((k, c) -> out.put(k, new ImportSummary.Counts(c[0], c[1], c[2], c[3])));
        Map<String, Long> skip = new LinkedHashMap<>(reasons);
        defaulted.forEach((f, n) -> skip.putIfAbsent("servers: default used for " + f + " (not skipped)", n));
        List<String> names = new ArrayList<>();
        unmapped.forEach((n, c) -> names.add(n + " -> attribute (" + c + " records)"));
        return new ImportSummary(out, skip, names, dryRun);
    }
}
