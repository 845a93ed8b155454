/** Exposure SPI: publish one port of a server under a hostname (reverse proxy or tunnel). */
@Export
@Version("1.0.0")
package io.berth.api.exposure;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
