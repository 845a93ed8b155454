package io.berth.testbed.pve.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testbed.pve.ErrorKind;
import io.berth.testbed.pve.FaultPhase;
import io.berth.testbed.pve.FaultSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * {@link FaultSettings} as the control endpoint's JSON: rates as numbers, durations in
 * milliseconds ({@code hangMillis}, {@code requestLatencyMillis}, {@code taskLatencyMillis},
 * {@code storageLockHoldMillis}), kinds as {@code ["500","503","timeout","reset"]}. A POST
 * changes only the fields it names.
 */
public final class FaultsJson {

    private static final Set<String> FIELDS = Set.of("errorRate", "errorKinds", "errorPhase", "errorPathPattern",
            "hangMillis", "requestLatencyMillis", "taskLatencyMillis", "taskFailureRate", "failNextCloneTasks",
            "taskFailureMessage", "taskWarningRate", "storageLockHoldMillis");

    private FaultsJson() {
    }

    public static ObjectNode toJson(FaultSettings s, ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("errorRate", s.errorRate());
        ArrayNode kinds = n.putArray("errorKinds");
        s.errorKinds().stream().sorted().forEach(k -> kinds.add(kindName(k)));
        n.put("errorPhase", s.errorPhase().name());
        n.put("errorPathPattern", s.errorPathPattern());
        n.put("hangMillis", s.hangDuration().toMillis());
        n.put("requestLatencyMillis", s.requestLatency().toMillis());
        n.put("taskLatencyMillis", s.taskLatency().toMillis());
        n.put("taskFailureRate", s.taskFailureRate());
        n.put("failNextCloneTasks", s.failNextCloneTasks());
        n.put("taskFailureMessage", s.taskFailureMessage());
        n.put("taskWarningRate", s.taskWarningRate());
        if (s.storageLockHold() == null) {
            n.putNull("storageLockHoldMillis");
        } else {
            n.put("storageLockHoldMillis", s.storageLockHold().toMillis());
        }
        return n;
    }

    /** The settings with the fields of {@code patch} applied; throws IllegalArgumentException on bad input. */
    public static FaultSettings merge(FaultSettings base, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        FaultSettings.Builder b = base.toBuilder();
        for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "'");
            }
            JsonNode v = patch.get(f);
            switch (f) {
                case "errorRate" -> b.errorRate(number(f, v));
                case "errorKinds" -> b.errorKinds(kinds(v));
                case "errorPhase" -> b.errorPhase(FaultPhase.valueOf(v.asText().toUpperCase(Locale.ROOT)));
                case "errorPathPattern" -> b.errorPathPattern(v.isNull() ? null : v.asText());
                case "hangMillis" -> b.hangDuration(Duration.ofMillis((long) number(f, v)));
                case "requestLatencyMillis" -> b.requestLatency(Duration.ofMillis((long) number(f, v)));
                case "taskLatencyMillis" -> b.taskLatency(Duration.ofMillis((long) number(f, v)));
                case "taskFailureRate" -> b.taskFailureRate(number(f, v));
                case "failNextCloneTasks" -> b.failNextCloneTasks((int) number(f, v));
                case "taskFailureMessage" -> b.taskFailureMessage(v.isNull() ? null : v.asText());
                case "taskWarningRate" -> b.taskWarningRate(number(f, v));
                case "storageLockHoldMillis" -> b.storageLockHold(v.isNull() ? null : Duration.ofMillis((long) number(f, v)));
                default -> throw new IllegalArgumentException("unknown field '" + f + "'");
            }
        }
        return b.build();
    }

    private static double number(String field, JsonNode v) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return v.asDouble();
    }

    private static Set<ErrorKind> kinds(JsonNode v) {
        EnumSet<ErrorKind> out = EnumSet.noneOf(ErrorKind.class);
        if (v.isTextual()) {
            for (String s : v.asText().split(",")) {
                out.add(ErrorKind.parse(s));
            }
        } else if (v.isArray()) {
            v.forEach(k -> out.add(ErrorKind.parse(k.asText())));
        } else {
            throw new IllegalArgumentException("errorKinds must be a list");
        }
        return out;
    }

    private static String kindName(ErrorKind k) {
        return switch (k) {
            case HTTP_500 -> "500";
            case HTTP_503 -> "503";
            case TIMEOUT -> "timeout";
            case RESET -> "reset";
        };
    }
}
