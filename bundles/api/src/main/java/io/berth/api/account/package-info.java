/** Accounts: users and admins, their credentials and quotas (implemented by core). */
@Export
@Version("1.0.0")
package io.berth.api.account;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
