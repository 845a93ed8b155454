package io.berth.api.billing;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to import and how.
 *
 * @param source connection settings of the system imported from (importer specific keys; secrets
 *        under keys starting with {@code .})
 * @param dryRun run the whole pipeline but write nothing
 * @param report where to write the per-record report, or {@code null}
 * @param mapping a file overriding the default field mapping, or {@code null}
 */
public record ImportRequest(Map<String, String> source, boolean dryRun, Path report, Path mapping) {

    public ImportRequest {
        source = Map.copyOf(source);
    }
}
