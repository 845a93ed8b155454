/** Servers: the user-facing lifecycle (implemented by core; the scheduler drives the workflows). */
@Export
@Version("1.1.0")
package io.berth.api.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
