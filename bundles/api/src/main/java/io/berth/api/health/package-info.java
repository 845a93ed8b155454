/** The platform's own view of its health: the database and every registered provider. */
@Export
@Version("1.0.0")
package io.berth.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
