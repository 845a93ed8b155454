package io.berth.testbed.whmcs;

/**
 * How much WHMCS data to generate. The same options always produce the same rows.
 *
 * @param seed seed of the random generator
 * @param clients number of {@code tblclients} rows (at least the fixed fixtures are always written)
 * @param services number of {@code tblhosting} rows
 * @param bcryptCost cost of the pooled bcrypt hashes given to generated users (the documented fixture users
 *        always get cost 10, like WHMCS)
 */
public record SeedOptions(long seed, int clients, int services, int bcryptCost) {

    /** Rows per multi-row INSERT statement. */
    static final int INSERT_ROWS = 1000;

    public SeedOptions {
        if (clients < Fixtures.CLIENTS || services < Fixtures.SERVICES) {
            throw new IllegalArgumentException("at least " + Fixtures.CLIENTS + " clients and " + Fixtures.SERVICES
                    + " services are needed for the fixtures");
        }
        if (bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be 4..31");
        }
    }

    /** The small default data set used by tests: 40 clients, 100 services. */
    public static SeedOptions small() {
        return new SeedOptions(42L, 40, 100, 4);
    }

    /** The benchmark data set: 100,000 clients, 250,000 services. */
    public static SeedOptions bench() {
        return new SeedOptions(42L, 100_000, 250_000, 4);
    }

    public SeedOptions withClients(int n) {
        return new SeedOptions(seed, n, services, bcryptCost);
    }

    public SeedOptions withServices(int n) {
        return new SeedOptions(seed, clients, n, bcryptCost);
    }

    public SeedOptions withSeed(long s) {
        return new SeedOptions(s, clients, services, bcryptCost);
    }
}
