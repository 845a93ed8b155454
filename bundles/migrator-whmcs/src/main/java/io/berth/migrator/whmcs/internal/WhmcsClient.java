package io.berth.migrator.whmcs.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code tblclients} row with its owner login ({@code tblusers} via {@code tblusers_clients.owner = 1}), if
 * any, and its client custom field values.
 *
 * @param loginId the owner login, or {@code null} (client never moved to a WHMCS 8 login)
 * @param primaryClientId the lowest client id the login owns: clients after it share its Berth user
 */
public record WhmcsClient(int id, String firstName, String lastName, String company, String email, String status,
        String legacyPassword, String created, Integer loginId, String loginEmail, String loginFirstName,
        String loginLastName, String loginPassword, boolean secondFactor, Integer primaryClientId,
        Map<Integer, String> customValues) {

    public WhmcsClient {
        customValues = Collections.unmodifiableMap(new LinkedHashMap<>(customValues));
    }

    /** Everything read from WHMCS, as canonical text for the source fingerprint. */
    public String canonical() {
        StringBuilder values = new StringBuilder();
        customValues.forEach((k, v) -> values.append(k).append('=').append(v).append('\u0002'));
        return Fingerprint.part(id, firstName, lastName, company, email, status, legacyPassword, created, loginId,
                loginEmail, loginFirstName, loginLastName, loginPassword, secondFactor, primaryClientId, values);
    }

    /** True when another (lower) client of the same login owns the Berth user. */
    public boolean sharesLogin() {
        return loginId != null && primaryClientId != null && primaryClientId != id;
    }
}
