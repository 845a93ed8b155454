package io.berth.migrator.whmcs.internal;

import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code tblhosting} row with its {@code tblhostingconfigoptions} rows and product custom field values.
 *
 * @param customValues field id to value, in row order
 */
public record WhmcsService(int id, int clientId, int productId, int serverId, String domain, String status,
        String dedicatedIp, String assignedIps, String suspendReason, String regdate, List<OptionRow> options,
        Map<Integer, String> customValues) {

    /** A {@code tblhostingconfigoptions} row. */
    public record OptionRow(int configId, int optionId, int qty) {
    }

    public WhmcsService {
        options = List.copyOf(options);
        customValues = Collections.unmodifiableMap(new LinkedHashMap<>(customValues));
    }

    /** Everything read from WHMCS, as canonical text for the source fingerprint. */
    public String canonical() {
        return Fingerprint.part(id, clientId, productId, serverId, domain, status, dedicatedIp, assignedIps,
                suspendReason, regdate, options, customValues);
    }

    public WhmcsService with(List<OptionRow> rows, Map<Integer, String> values) {
        return new WhmcsService(id, clientId, productId, serverId, domain, status, dedicatedIp, assignedIps,
                suspendReason, regdate, rows, values);
    }
}
