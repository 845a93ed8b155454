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

    /** Parts: profile (email, name, attributes, date), status (disabled), credential (hash, reset flag). */
    public Fingerprint fingerprint() {
        return Fingerprint.of(Fingerprint.part(email, name, attributes, createdAt), Fingerprint.part(disabled),
                Fingerprint.part(password.hash(), password.resetRequired()));
    }
}
