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
        StringBuilder rows = new StringBuilder();
        for (OptionRow r : options) {
            rows.append(r.configId()).append(':').append(r.optionId()).append(':').append(r.qty()).append(';');
        }
        StringBuilder values = new StringBuilder();
        customValues.forEach((k, v) -> values.append(k).append('=').append(v).append('\u0002'));
        return Fingerprint.part(id, clientId, productId, serverId, domain, status, dedicatedIp, assignedIps,
                suspendReason, regdate, rows, values);
    }

    public WhmcsService with(List<OptionRow> rows, Map<Integer, String> values) {
        return new WhmcsService(id, clientId, productId, serverId, domain, status, dedicatedIp, assignedIps,
                suspendReason, regdate, rows, values);
    }
}
