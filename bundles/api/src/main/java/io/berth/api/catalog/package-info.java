/** The catalog of images and plans a user may pick (implemented by core). */
@Export
@Version("1.0.0")
package io.berth.api.catalog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
