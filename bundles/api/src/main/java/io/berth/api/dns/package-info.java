/** DNS provider SPI: records in one zone, upserted idempotently. */
@Export
@Version("1.0.0")
package io.berth.api.dns;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
