/** Billing importer SPI: move customers and services from another billing system into Berth. */
@Export
@Version("1.0.0")
package io.berth.api.billing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
