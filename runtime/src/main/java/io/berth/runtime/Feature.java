package io.berth.runtime;

import java.util.List;
import java.util.Map;

/**
 * One capability of Berth: the bundles it brings (as Maven coordinates) with their start levels,
 * and the default configurations it applies when nobody configured those PIDs yet.
 *
 * @param name the descriptor's file name without extension
 * @param description what it brings
 * @param bundles the bundles, in installation order
 * @param configurations PID (or {@code factoryPid~name}) to properties
 */
public record Feature(String name, String description, List<Artifact> bundles,
        Map<String, Map<String, Object>> configurations) {

    /**
     * A bundle named by its Maven coordinates.
     *
     * @param coordinates {@code groupId:artifactId:version}
     * @param startLevel the start level, {@code 0} for a framework extension (installed, never started)
     */
    public record Artifact(String coordinates, int startLevel) {

        public String fileName() {
            String[] parts = coordinates.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("bundle '" + coordinates + "' is not groupId:artifactId:version");
            }
            return parts[1] + "-" + parts[2] + ".jar";
        }
    }
}
