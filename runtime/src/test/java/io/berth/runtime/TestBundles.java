package io.berth.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Constants;

/** Bundles made on the fly for the deploy/ tests. */
final class TestBundles {

    private TestBundles() {
    }

    /** A manifest-only bundle 1.0.0 written to a temporary file in {@code dir} (to be moved into deploy/). */
    static Path manifestOnly(Path dir, String symbolicName, String importPackage) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        if (importPackage != null) {
            main.putValue(Constants.IMPORT_PACKAGE, importPackage);
        }
        Path jar = Files.createTempFile(dir, symbolicName, ".tmp");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest-only bundle
        }
        return jar;
    }
}
