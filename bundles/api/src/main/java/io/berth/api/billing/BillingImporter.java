package io.berth.api.billing;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Moves customers and services from another billing system into Berth. Registered with the
 * property {@link #ID}. Runs must be idempotent: running again creates nothing new.
 */
@ConsumerType
public interface BillingImporter {

    /** Service property carrying the importer id, e.g. {@code whmcs}. */
    String ID = "berth.billing.id";

    /** Runs one import. */
    ImportSummary run(ImportRequest request, ImportProgress progress) throws ImportException;
}
