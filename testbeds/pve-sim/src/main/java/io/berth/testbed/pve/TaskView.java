package io.berth.testbed.pve;

import java.util.List;

/**
 * A snapshot of one task.
 *
 * @param upid       the UPID
 * @param node       the node running it
 * @param type       e.g. {@code qmclone}
 * @param id         the VMID it concerns (for a clone: the source)
 * @param user       who started it ({@code root@pam!berth} for the token)
 * @param running    whether it still runs
 * @param exitStatus {@code OK}, {@code WARNINGS: n} or the error; null while running
 * @param startTime  epoch seconds
 * @param endTime    epoch seconds, 0 while running
 * @param log        the log lines
 */
public record TaskView(String upid, String node, String type, String id, String user, boolean running,
                       String exitStatus, long startTime, long endTime, List<String> log) {

    public TaskView {
        log = List.copyOf(log);
    }
}
