/** Shared provider vocabulary: typed failures that say whether retrying helps, and health. */
@Export
@Version("1.1.0")
package io.berth.api.provider;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
