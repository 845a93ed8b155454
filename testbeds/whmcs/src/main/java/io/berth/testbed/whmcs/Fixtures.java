package io.berth.testbed.whmcs;

/**
 * The hand-written records at the start of every data set, with known passwords so that tests can log in as
 * migrated users (listed in README.md). Everything after them is generated.
 */
public final class Fixtures {

    /** Clients 1..8 and services 1..12 are fixtures. */
    public static final int CLIENTS = 8;
    public static final int SERVICES = 12;

    /** Client 1, owner login with a cost-10 {@code $2y$} bcrypt hash; services 1-3. */
    public static final String ALICE_EMAIL = "alice@example.com";
    public static final String ALICE_PASSWORD = "alice-wonderland-2024";
    /** Client 2, owner login with a legacy {@code md5(salt.password):salt} hash; service 4. */
    public static final String BOB_EMAIL = "bob@example.com";
    public static final String BOB_PASSWORD = "bob-legacy-pass";
    /** Client 3 (Inactive, non-ASCII name and password), bcrypt; services 5-9 (the skipped statuses). */
    public static final String ZOE_EMAIL = "zoe@example.com";
    public static final String ZOE_PASSWORD = "Zoë-mot-de-passe";
    /** Client 4, Closed, bcrypt. */
    public static final String CAROL_EMAIL = "carol@example.com";
    public static final String CAROL_PASSWORD = "carol-closed-2019";
    /** Client 5, no WHMCS 8 login: md5:salt in the legacy {@code tblclients.password}; service 10. */
    public static final String DAVE_EMAIL = "Dave.Oldtimer@Example.com";
    public static final String DAVE_PASSWORD = "dave-before-eight";
    /** Client 6, no WHMCS 8 login: bcrypt in the legacy {@code tblclients.password}; service 11. */
    public static final String EVE_EMAIL = "eve@example.com";
    public static final String EVE_PASSWORD = "eve-client-table";
    /** Clients 7 and 8 are owned by one login; service 12 (client 8). */
    public static final String FRANK_EMAIL = "frank@example.com";
    public static final String FRANK_PASSWORD = "frank-two-accounts";

    /** Generated logins (tblusers id N) have the password {@code seed-password-(N mod 16)}. */
    public static String generatedPassword(long userId) {
        return "seed-password-" + (userId % 16);
    }

    private Fixtures() {
    }
}
