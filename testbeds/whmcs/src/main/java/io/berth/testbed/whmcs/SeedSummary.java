package io.berth.testbed.whmcs;

import java.util.Map;

/**
 * What {@link WhmcsTestbed#seed(SeedOptions)} wrote.
 *
 * @param rows per table, how many rows
 * @param servicesByStatus per {@code tblhosting.domainstatus}, how many services
 * @param clientsByStatus per {@code tblclients.status}, how many clients
 * @param millis how long the load took
 */
public record SeedSummary(Map<String, Long> rows, Map<String, Long> servicesByStatus,
        Map<String, Long> clientsByStatus, long millis) {

    public SeedSummary {
        rows = Map.copyOf(rows);
        servicesByStatus = Map.copyOf(servicesByStatus);
        clientsByStatus = Map.copyOf(clientsByStatus);
    }
}
