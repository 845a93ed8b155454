package io.berth.migrator.whmcs.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The per-record report: one JSON object per line, for every WHMCS client and service, e.g.
 * <pre>
 * {"entity":"service","source_id":"12","outcome":"created","target_id":"…","reason":null,"notes":["…"]}
 * </pre>
 * Outcomes: {@code created}, {@code updated}, {@code unchanged}, {@code skipped} (with a reason). Holds no
 * passwords or hashes.
 */
public final class ImportReport implements AutoCloseable {

    private final Writer out;
    private final JsonFactory json = new JsonFactory();

    private ImportReport(Writer out) {
        this.out = out;
    }

    /** A report written to the file, or none when {@code file} is {@code null}. */
    public static ImportReport to(Path file) throws IOException {
        if (file == null) {
            return new ImportReport(null);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new ImportReport(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    public void record(String entity, int sourceId, String outcome, UUID targetId, String reason, List<String> notes)
            throws IOException {
        if (out == null) {
            return;
        }
        try (JsonGenerator g = json.createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("entity", entity);
            g.writeStringField("source_id", String.valueOf(sourceId));
            g.writeStringField("outcome", outcome);
            g.writeStringField("target_id", targetId == null ? null : targetId.toString());
            g.writeStringField("reason", reason);
            g.writeArrayFieldStart("notes");
            for (String n : notes) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
