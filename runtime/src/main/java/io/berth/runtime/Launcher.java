package io.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Starts Felix with the bundles of every feature, the embedded PostgreSQL when no database is
 * configured, and the configuration the environment asks for.
 */
public final class Launcher implements AutoCloseable {

    static final String DATABASE_PID = "io.berth.core.database";
    static final String BOOTSTRAP_PID = "io.berth.core.bootstrap";
    static final int FINAL_START_LEVEL = 5;
    /** How long demo mode waits for the API before it starts the simulator anyway. */
    static final Duration API_WAIT = Duration.ofSeconds(30);
    /** The property FileInstall puts into every configuration it makes from a file. */
    static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    private final Home home;
    private final Settings settings;
    private final List<Feature> features;
    private volatile EmbeddedDatabase embedded;
    private volatile Demo demo;
    private Thread demoStarter;
    private volatile boolean stopping;
    private Thread databaseStarter;
    private Framework framework;
    private FrameworkCache cache;
    private boolean cacheReused;
    /** Set when a bundle outside deploy/ is installed, updated or uninstalled after the launcher's installation. */
    private volatile boolean bundleSetChanged;

    public Launcher(Home home, Settings settings) throws IOException {
        this.home = home;
        this.settings = settings;
        this.features = new Features().read(home.features());
    }

    public Framework framework() {
        return framework;
    }

    public Home home() {
        return home;
    }

    /**
     * The Proxmox VE simulator of demo mode, or {@code null} when a cluster is configured; waits for
     * it to start (it starts once the API is up).
     */
    io.berth.testbed.pve.PveSimulator demoSimulator() {
        Thread starter = demoStarter;
        if (starter != null) {
            try {
                starter.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return demo == null ? null : demo.simulator();
    }

    /** Starts everything; returns when the framework has reached its final start level. */
    public void start() throws Exception {
        home.create();
        goshProfile();
        for (String problem : ConfigFiles.check(home.etc())) {
            Log.error("configuration " + problem + " (it is not applied until it is fixed)");
        }
        // the embedded PostgreSQL starts while the framework installs and starts its platform bundles
        CompletableFuture<DatabaseTarget> database = new CompletableFuture<>();
        databaseStarter = new Thread(() -> {
            try {
                database.complete(database());
            } catch (Throwable e) {
                database.completeExceptionally(e);
            }
        }, "berth-database-start");
        databaseStarter.start();
        initFramework();
        BundleContext context = framework.getBundleContext();
        List<Bundle> toStart = install(context);
        watchBundleSet(context);
        CountDownLatch started = new CountDownLatch(1);
        context.addFrameworkListener(e -> {
            if (e.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                started.countDown();
            }
        });
        framework.start();
        for (Bundle bundle : toStart) {
            try {
                bundle.start();
            } catch (BundleException e) {
                Log.error("bundle " + bundle.getSymbolicName() + " cannot start: " + e.getMessage());
            }
        }
        // configuration lands while only the platform (start level 1) runs, before Berth's bundles start
        configure(context, awaitDatabase(database));
        framework.adapt(FrameworkStartLevel.class).setStartLevel(FINAL_START_LEVEL);
        if (!started.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the framework did not reach start level " + FINAL_START_LEVEL + " in 60 s");
        }
    }

    /** Whether this start reused the framework cache of the previous run. */
    boolean cacheReused() {
        return cacheReused;
    }

    /**
     * Creates and initialises the framework on the bundle cache of the last clean stop when it holds
     * the same bundle set, otherwise (or when that cache cannot be read) on a fresh one.
     */
    private void initFramework() throws IOException, BundleException {
        cache = FrameworkCache.of(home, features);
        boolean reuse = cache.reusable();
        // a run that does not stop cleanly leaves no key behind: the next start makes a fresh cache
        cache.invalidate();
        if (reuse) {
            try {
                framework = frameworkFactory().newFramework(frameworkProperties(true));
                framework.init();
                cacheReused = true;
                return;
            } catch (BundleException | RuntimeException e) {
                Log.error("framework cache " + home.frameworkCache() + " unusable, starting with a fresh one: " + e);
                cache.delete();
            }
        }
        framework = frameworkFactory().newFramework(frameworkProperties(false));
        framework.init();
    }

    /** Notes any change to the bundle set the launcher installed (deploy/ is FileInstall's and excluded). */
    private void watchBundleSet(BundleContext context) {
        context.addBundleListener((SynchronousBundleListener) e -> {
            int type = e.getType();
            if ((type == BundleEvent.INSTALLED || type == BundleEvent.UPDATED || type == BundleEvent.UNINSTALLED)
                    && !isIn(home.deploy(), e.getBundle().getLocation())) {
                bundleSetChanged = true;
            }
        });
    }

    private static Path fileOf(String location) {
        return location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
    }

    /** Whether a bundle location or FileInstall file name ({@code file:} URI or path) lies in the folder. */
    static boolean isIn(Path folder, String location) {
        if (location == null) {
            return false;
        }
        try {
            return fileOf(location).toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Gogo reads {@code etc/gosh_profile} under {@code gosh.home}; the stock profile fails without a
     * terminal, so Berth keeps a minimal one in every home.
     */
    private void goshProfile() throws IOException {
        Path profile = home.etc().resolve("gosh_profile");
        if (!Files.exists(profile)) {
            Files.writeString(profile, "# Berth's Gogo profile, read by the shell at start. Kept minimal: it must work "
                    + "without a terminal.\n");
        }
        System.setProperty("gosh.home", home.root().toString());
    }

    private static DatabaseTarget awaitDatabase(CompletableFuture<DatabaseTarget> database) throws Exception {
        try {
            return database.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private DatabaseTarget database() throws IOException {
        if (Files.exists(home.etc().resolve(DATABASE_PID + ".config"))) {
            Log.info("database: configured in " + home.etc().resolve(DATABASE_PID + ".config"));
            return null;
        }
        if (settings.dbUrl() != null) {
            Log.info("database: " + settings.dbUrl() + " (BERTH_DB_URL)");
            return new DatabaseTarget(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
        }
        long t0 = System.nanoTime();
        embedded = EmbeddedDatabase.start(home.postgres());
        Log.info("database: embedded PostgreSQL at " + embedded.url() + ", data in " + home.postgres() + " ("
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms)");
        return new DatabaseTarget(embedded.url(), embedded.user(), "");
    }

    private Map<String, String> frameworkProperties(boolean reuseCache) {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, home.frameworkCache().toString());
        // the bundle set comes from the features; the cache is kept only while it holds exactly that set
        // (FrameworkCache). Configurations persist in data/config either way.
        if (!reuseCache) {
            p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        p.put("felix.cm.dir", home.configurations().toString());
        p.put("felix.log.level", "1");
        // ServiceLoader look-ups inside bundles must not see the launcher's class path
        p.put("felix.bootdelegation.implicit", "false");
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "1");
        p.put("org.osgi.service.http.port", Integer.toString(settings.httpPort()));
        p.put("org.apache.felix.http.host", settings.httpHost());
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        p.put("org.apache.felix.jetty.gziphandler.enable", "true");
        p.put("felix.fileinstall.dir", home.deploy().toString());
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.start.level", Integer.toString(FINAL_START_LEVEL));
        p.put("felix.fileinstall.log.level", "2");
        // etc/ files are the operator's: FileInstall reads them and never writes them back (its
        // write-back raced with its own polling and once left a factory configuration file empty)
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("gosh.args", settings.interactive() ? "" : "--nointeractive");
        // the Web Console opens only once Berth's security provider is there: never admin/admin
        p.put("felix.webconsole.security.providers", "berth");
        p.put("felix.webconsole.password", HexFormat.of().formatHex(new SecureRandom().generateSeed(24)));
        p.put("berth.home", home.root().toString());
        p.put("berth.shell.port", Integer.toString(settings.shellPort()));
        return p;
    }

    private List<Bundle> install(BundleContext context) throws BundleException, IOException {
        // on a kept cache, deploy/ bundles whose file went while Berth was stopped go too (FileInstall
        // does not notice a removal into an empty folder at its start)
        for (Bundle bundle : context.getBundles()) {
            if (isIn(home.deploy(), bundle.getLocation()) && !Files.exists(fileOf(bundle.getLocation()))) {
                Log.info("bundle " + bundle.getSymbolicName() + ": its file in deploy/ is gone, uninstalled");
                bundle.uninstall();
            }
        }
        List<Bundle> toStart = new ArrayList<>();
        for (Feature feature : features) {
            for (Feature.Artifact artifact : feature.bundles()) {
                Path jar = home.system().resolve(artifact.fileName());
                if (!Files.isRegularFile(jar)) {
                    throw new IOException("feature '" + feature.name() + "' names " + artifact.coordinates()
                            + " but " + jar + " is missing: rebuild the distribution (mvn -DskipTests install)");
                }
                Bundle bundle = context.installBundle("reference:" + jar.toUri());
                if (artifact.startLevel() > 0) {
                    bundle.adapt(BundleStartLevel.class).setStartLevel(artifact.startLevel());
                    if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                        toStart.add(bundle);
                    }
                }
            }
        }
        return toStart;
    }

    private void configure(BundleContext context, DatabaseTarget database) throws Exception {
        try (Configurations configurations = new Configurations(context)) {
            Map<String, Object> etc = new LinkedHashMap<>();
            etc.put("felix.fileinstall.dir", home.etc().toString());
            etc.put("felix.fileinstall.filter", ".*\\.(config|cfg)");
            etc.put("felix.fileinstall.poll", 1000L);
            etc.put("felix.fileinstall.noInitialDelay", Boolean.TRUE);
            etc.put("felix.fileinstall.log.level", 2L);
            etc.put("felix.fileinstall.enableConfigSave", Boolean.FALSE);
            configurations.put("org.apache.felix.fileinstall~etc", etc);
            // etc/ is the source of truth: a configuration FileInstall made from a file removed while
            // Berth was stopped goes too (FileInstall only notices removals while it runs)
            for (String pid : configurations.deleteIf(FILEINSTALL_FILENAME,
                    file -> isIn(home.etc(), file) && !Files.exists(fileOf(file)))) {
                Log.info("configuration " + pid + ": its file in etc/ is gone, deleted");
            }
            for (Feature feature : features) {
                for (Map.Entry<String, Map<String, Object>> c : feature.configurations().entrySet()) {
                    configurations.putIfAbsent(c.getKey(), c.getValue());
                }
            }
            if (settings.adminEmail() != null || settings.adminPassword() != null) {
                Map<String, Object> admin = new LinkedHashMap<>();
                if (settings.adminEmail() != null) {
                    admin.put("email", settings.adminEmail());
                }
                if (settings.adminPassword() != null) {
                    admin.put(".password", settings.adminPassword());
                }
                configurations.put(BOOTSTRAP_PID, admin);
            }
            demo(configurations);
            if (database != null) {
                Map<String, Object> db = new LinkedHashMap<>();
                db.put("url", database.url());
                db.put("user", database.user());
                db.put(".password", database.password() == null ? "" : database.password());
                configurations.put(DATABASE_PID, db);
            }
        }
    }

    /**
     * Starts demo mode unless a Proxmox cluster is configured (in etc/ or through ConfigAdmin) or
     * {@code BERTH_DEMO=false}.
     */
    private void demo(Configurations configurations) throws Exception {
        if (!settings.demo()) {
            return;
        }
        boolean configured;
        try (var files = Files.list(home.etc())) {
            configured = files.map(f -> f.getFileName().toString())
                    .anyMatch(n -> n.startsWith(Demo.PROVIDER_FACTORY_PID + "~") || n.startsWith(Demo.PROVIDER_FACTORY_PID + "-"));
        }
        configured = configured || configurations.exists("(service.factoryPid=" + Demo.PROVIDER_FACTORY_PID + ")",
                "(!(service.pid=" + Demo.PROVIDER_FACTORY_PID + "~demo))");
        if (configured) {
            Log.info("Proxmox VE: configured; demo mode off");
            return;
        }
        configurations.putIfAbsent("io.berth.core.catalog", Demo.catalogConfiguration());
        // the last run's simulator is gone: its address and keys must not be tried meanwhile
        configurations.delete(Demo.PROVIDER_FACTORY_PID + "~demo");
        // the simulator (its TLS key, HTTPS server and some 1,500 classes) starts once the API is up:
        // beside the framework it delayed the first healthy answer by 0.25 s on 2 CPUs; jobs for its hypervisor
        // wait until its configuration is there
        BundleContext context = framework.getBundleContext();
        ApiProbe api = new ApiProbe(settings.httpHost(), settings.httpPort());
        demoStarter = new Thread(() -> {
            try {
                api.await(API_WAIT, () -> stopping);
            } catch (InterruptedException e) {
                return;
            }
            if (stopping || framework.getState() != Bundle.ACTIVE) {
                return;
            }
            try (Configurations later = new Configurations(context)) {
                Demo started = Demo.start(settings.demoProfile());
                demo = started;
                later.put(Demo.PROVIDER_FACTORY_PID + "~demo", started.providerConfiguration());
                Log.info("demo mode: no Proxmox VE configured, using the Proxmox VE simulator at " + started.url()
                        + " (set BERTH_DEMO=false to turn off)");
            } catch (Exception e) {
                Log.error("demo mode: the Proxmox VE simulator did not start: " + e);
            }
        }, "berth-demo");
        demoStarter.setDaemon(true);
        demoStarter.start();
    }

    /** Stops the framework, then the demo simulator and the embedded database. */
    @Override
    public void close() throws Exception {
        stopping = true;
        // a simulator being started puts its configuration while the framework still runs
        if (demoStarter != null) {
            demoStarter.join(30_000);
        }
        if (framework != null && (framework.getState() & (Bundle.ACTIVE | Bundle.STARTING | Bundle.STOPPING)) != 0) {
            framework.stop();
            framework.waitForStop(30_000);
        }
        if (framework != null && framework.getState() == Bundle.RESOLVED && cache != null && !bundleSetChanged) {
            try {
                cache.seal();
            } catch (IOException e) {
                Log.error("framework cache: cannot record its bundle set (the next start makes a fresh one): " + e);
            }
        }
        if (databaseStarter != null) {
            databaseStarter.join(60_000);
        }
        if (demo != null) {
            demo.close();
            demo = null;
        }
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }

    /** Waits until the framework stops (shell {@code stop 0}, or {@link #close()}). */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    private record DatabaseTarget(String url, String user, String password) {
    }

    /** The framework implementation on the class path. */
    private static FrameworkFactory frameworkFactory() {
        return java.util.ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
    }
}
