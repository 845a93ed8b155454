package io.berth.api.billing;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives progress during a long import. */
@ConsumerType
@FunctionalInterface
public interface ImportProgress {

    /** Called now and then with the entity being imported and how many records are done. */
    void progress(String entity, long done, long total);

    static ImportProgress none() {
        return (entity, done, total) -> { };
    }
}
