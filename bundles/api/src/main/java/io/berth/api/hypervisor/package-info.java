/** Hypervisor SPI: asynchronous, idempotent VM operations returning task handles the scheduler persists. */
@Export
@Version("1.2.0")
package io.berth.api.hypervisor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
