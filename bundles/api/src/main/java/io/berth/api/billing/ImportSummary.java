package io.berth.api.billing;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one import run, per entity (e.g. {@code clients}, {@code servers}).
 *
 * @param counts per entity, how many records were created, updated, unchanged and skipped
 * @param skipReasons per reason, how many records were skipped for it
 * @param unmapped source fields that map to no Berth field and were kept as attributes
 * @param dryRun whether nothing was written
 */
public record ImportSummary(Map<String, Counts> counts, Map<String, Long> skipReasons, List<String> unmapped,
        boolean dryRun) {

    /** Counts for one entity. */
    public record Counts(long created, long updated, long unchanged, long skipped) {
    }
}
