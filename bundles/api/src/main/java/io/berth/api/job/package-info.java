/** Durable jobs and their persisted steps, as core stores them for the scheduler. */
@Export
@Version("1.1.0")
package io.berth.api.job;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
