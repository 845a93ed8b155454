package io.berth.migrator.whmcs.internal;

/**
 * How a run behaves.
 *
 * @param dryRun read everything, decide everything, write nothing
 * @param batchSize records per target transaction
 * @param failAfterBatches for tests: fail after this many committed batches (0: never)
 */
public record MigrationOptions(boolean dryRun, int batchSize, int failAfterBatches) {

    public static final int DEFAULT_BATCH = 1000;

    public MigrationOptions {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be 1..10000");
        }
    }

    public static MigrationOptions of(boolean dryRun) {
        return new MigrationOptions(dryRun, DEFAULT_BATCH, 0);
    }
}
