package io.berth.runtime;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.osgi.framework.Constants;

/** Bundles made on the fly for the deploy/ tests. */
final class TestBundles {

    private TestBundles() {
    }

    /** A manifest-only bundle 1.0.0 written to a temporary file in {@code dir} (to be moved into deploy/). */
    static Path manifestOnly(Path dir, String symbolicName, String importPackage) throws IOException {
        Manifest manifest = manifest(symbolicName);
        Attributes main = manifest.getMainAttributes();
        if (importPackage != null) {
            main.putValue(Constants.IMPORT_PACKAGE, importPackage);
        }
        Path jar = Files.createTempFile(dir, symbolicName, ".tmp");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest-only bundle
        }
        return jar;
    }

    /**
     * A plugin bundle 1.0.0 whose activator registers a Jakarta REST whiteboard resource answering
     * {@code GET <path>} with the text, compiled here against the distribution's jakarta.ws.rs-api;
     * written to a temporary file in {@code dir} (to be moved into deploy/).
     */
    static Path restResource(Path dir, String symbolicName, String path, String text) throws IOException {
        String pkg = symbolicName.replaceAll("[^A-Za-z0-9.]", "_");
        Path work = Files.createTempDirectory(dir, "src");
        Path sources = Files.createDirectories(work.resolve("src").resolve(pkg.replace('.', '/')));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Files.writeString(sources.resolve("Resource.java"), "package " + pkg + ";\n"
                + "@jakarta.ws.rs.Path(\"" + path + "\")\n"
                + "public class Resource {\n"
                + "    @jakarta.ws.rs.GET @jakarta.ws.rs.Produces(\"text/plain\")\n"
                + "    public String get() { return \"" + text + "\"; }\n"
                + "}\n");
        Files.writeString(sources.resolve("Activator.java"), "package " + pkg + ";\n"
                + "public class Activator implements org.osgi.framework.BundleActivator {\n"
                + "    public void start(org.osgi.framework.BundleContext context) {\n"
                + "        context.registerService(Object.class, new Resource(),\n"
                + "                org.osgi.framework.FrameworkUtil.asDictionary(java.util.Map.of(\"osgi.jakartars.resource\", \"true\")));\n"
                + "    }\n"
                + "    public void stop(org.osgi.framework.BundleContext context) {\n"
                + "    }\n"
                + "}\n");
        String classPath = System.getProperty("java.class.path") + File.pathSeparator
                + TestRuntime.distribution().resolve("system").resolve("jakarta.ws.rs-api-3.1.0.jar");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "--release", "17"));
        try (Stream<Path> files = Files.list(sources)) {
            files.forEach(f -> args.add(f.toString()));
        }
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("test bundle " + symbolicName + " does not compile");
        }
        Manifest manifest = manifest(symbolicName);
        Attributes main = manifest.getMainAttributes();
        main.putValue(Constants.BUNDLE_ACTIVATOR, pkg + ".Activator");
        main.putValue(Constants.IMPORT_PACKAGE, "jakarta.ws.rs;version=\"[3.1,4)\",org.osgi.framework");
        Path jar = Files.createTempFile(dir, symbolicName, ".tmp");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> compiled = Files.walk(classes)) {
            for (Path c : (Iterable<Path>) compiled.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Manifest manifest(String symbolicName) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        return manifest;
    }
}
