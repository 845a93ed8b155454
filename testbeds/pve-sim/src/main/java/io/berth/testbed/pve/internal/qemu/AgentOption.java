package io.berth.testbed.pve.internal.qemu;

/** Reads the {@code agent} option ({@code 1}, {@code enabled=1,fstrim_cloned_disks=1}, …). */
public final class AgentOption {

    private AgentOption() {
    }

    public static boolean enabled(String agent) {
        if (agent == null || agent.isBlank()) {
            return false;
        }
        for (String part : agent.split(",")) {
            String p = part.trim();
            if (!p.contains("=")) {
                return isTrue(p);
            }
            if (p.startsWith("enabled=")) {
                return isTrue(p.substring("enabled=".length()));
            }
        }
        return false;
    }

    private static boolean isTrue(String v) {
        return v.equals("1") || v.equalsIgnoreCase("on") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true");
    }
}
