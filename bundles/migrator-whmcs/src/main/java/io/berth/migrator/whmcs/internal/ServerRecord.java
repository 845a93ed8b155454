package io.berth.migrator.whmcs.internal;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A Berth {@code servers} row as the import writes it (the owner is resolved separately).
 *
 * @param attributes JSON object of strings
 * @param createdAt WHMCS registration date, or {@code null} when unset (zero date): then now
 */
public record ServerRecord(String name, String status, String statusDetail, String resumeStatus, UUID imageId,
        UUID planId, int cpuCores, int memoryMb, int diskGb, String hypervisorId, String node, String vmId,
        String ipAddress, String location, String attributes, LocalDate createdAt) {

    static final int SPEC = 0;
    static final int PLACEMENT = 1;
    static final int STATUS = 2;
    static final int SOURCE = 3;
    static final int PARTS = 4;

    /**
     * Parts: spec (owner, name, sizes, image, plan, location, attributes, date), placement, status, and the source
     * (the WHMCS rows with everything the mapping depends on), which lets a re-run pass over unchanged services
     * without mapping them again.
     */
    public Fingerprint fingerprint(UUID ownerId, String source) {
        return Fingerprint.of(
                Fingerprint.part(ownerId, name, cpuCores, memoryMb, diskGb, imageId, planId, location, attributes,
                        createdAt),
                Fingerprint.part(hypervisorId, node, vmId, ipAddress),
                Fingerprint.part(status, statusDetail),
                source);
    }
}
