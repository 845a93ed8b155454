package io.berth.provider.proxmox.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Proxmox VE task id: {@code UPID:node:pid:pstart:starttime:type:id:user:}. The node in it is the
 * node that runs the task, which is where its status must be read; the start time is in epoch seconds.
 */
record Upid(String node, long startTime, String type, String id, String user, String text) {

    private static final Pattern FORMAT = Pattern.compile(
            "^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):"
                    + "([^:\\s]+):([^:\\s]*):([^:\\s]+):$");

    static Optional<Upid> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Upid(m.group(1), Long.parseLong(m.group(5), 16), m.group(6), m.group(7), m.group(8),
                text.trim()));
    }
}
