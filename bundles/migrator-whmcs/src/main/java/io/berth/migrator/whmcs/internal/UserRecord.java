package io.berth.migrator.whmcs.internal;

import java.time.LocalDate;

/**
 * A Berth {@code users} row as the import writes it.
 *
 * @param email lower-cased
 * @param attributes JSON object of strings (company, client custom fields)
 */
public record UserRecord(String email, String name, PasswordHash password, boolean disabled, String attributes,
        LocalDate createdAt) {

    static final int PROFILE = 0;
    static final int STATUS = 1;
    static final int CREDENTIAL = 2;
    static final int SOURCE = 3;
    static final int PARTS = 4;

    /**
     * Parts: profile (email, name, attributes, date), status (disabled), credential (hash, reset flag), and the
     * source (the WHMCS rows and what the mapping depends on).
     */
    public Fingerprint fingerprint(String source) {
        return Fingerprint.of(Fingerprint.part(email, name, attributes, createdAt), Fingerprint.part(disabled),
                Fingerprint.part(password.hash(), password.resetRequired()), source);
    }
}
