/** Vocabulary shared by the domain services: the caller, pages, and the failures REST maps to problem documents. */
@Export
@Version("1.0.0")
package io.berth.api.domain;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
