/** VPN gateway SPI: one peer per server, reaching only that server. */
@Export
@Version("1.0.0")
package io.berth.api.vpn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
