package io.berth.testbed.pve.internal.task;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's unique id in PVE's format ({@code PVE::Tools::upid_encode}):
 * {@code UPID:$node:$pid:$pstart:$starttime:$type:$id:$user:} with upper-case hex numbers and
 * the trailing colon.
 */
public record Upid(String node, long pid, long pstart, long startTime, String type, String id, String user) {

    private static final Pattern FORMAT = Pattern.compile(
            "^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):"
                    + "([^:\\s]+):([^:\\s]*):([^:\\s]+):$");

    public static Optional<Upid> parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Upid(m.group(1), Long.parseLong(m.group(3), 16), Long.parseLong(m.group(4), 16),
                Long.parseLong(m.group(5), 16), m.group(6), m.group(7), m.group(8)));
    }

    @Override
    public String toString() {
        return String.format("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pid, pstart, startTime, type, id, user);
    }
}
