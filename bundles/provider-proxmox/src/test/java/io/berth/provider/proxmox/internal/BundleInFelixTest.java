package io.berth.provider.proxmox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testbed.pve.SimOptions;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The bundle (its bnd-made manifest in {@code target/classes}) in a real Felix framework with only
 * what it may rely on: the Berth API, Jackson, SLF4J (whose 2.x API bundle needs SPI Fly and a
 * provider), SCR,
 * Configuration Admin and Metatype (which needs the Log Service API). A
 * factory configuration must bring up a {@code Hypervisor} service with {@code berth.hypervisor.id}
 * that talks to the simulator. The service is used by reflection: its classes come from the
 * framework's bundles, not from the test class path.
 */
class BundleInFelixTest {

    @TempDir
    Path storage;

    @Test
    void resolvesStartsAndRegistersOneHypervisorPerFactoryConfiguration() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", storage.toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.init();
        try (SimulatorFixture fixture = new SimulatorFixture(SimOptions.fast())) {
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String location : locations()) {
                bundles.add(context.installBundle(location));
            }
            framework.start();
            for (Bundle bundle : bundles) {
                if (bundle.getHeaders().get("Fragment-Host") == null) { // SPI Fly extends the framework
                    bundle.start();
                }
            }
            Bundle provider = bundles.get(bundles.size() - 1);
            assertThat(provider.getSymbolicName()).isEqualTo("io.berth.provider.proxmox");
            assertThat(provider.getState()).as("resolved and active").isEqualTo(Bundle.ACTIVE);

            // metatype: the factory PID with a proper form
            Object metaTypes = service(context, "org.osgi.service.metatype.MetaTypeService");
            Bundle metatype = context.getAllServiceReferences("org.osgi.service.metatype.MetaTypeService", null)[0]
                    .getBundle();
            Class<?> metaTypeService = metatype.loadClass("org.osgi.service.metatype.MetaTypeService");
            Object info = metaTypeService.getMethod("getMetaTypeInformation", Bundle.class).invoke(metaTypes, provider);
            Class<?> infoType = metatype.loadClass("org.osgi.service.metatype.MetaTypeInformation");
            assertThat((String[]) infoType.getMethod("getFactoryPids").invoke(info)).containsExactly(ProxmoxHypervisor.PID);

            // one factory configuration per cluster
            Object configAdmin = service(context, "org.osgi.service.cm.ConfigurationAdmin");
            Class<?> adminType = context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null)[0]
                    .getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
            Object configuration = adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                    .invoke(configAdmin, ProxmoxHypervisor.PID, "sim", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("berth.hypervisor.id", "pve-sim");
            props.put("api.url", fixture.sim.baseUri().toString());
            props.put("token.id", fixture.sim.tokenId());
            props.put(".token.secret", fixture.sim.tokenSecret());
            props.put("tls.fingerprint.sha256", fixture.sim.certificateSha256Fingerprint());
            props.put("nodes", new String[] {"pve1", "pve2"});
            configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, props);

            ServiceReference<?> reference = awaitService(context, "(berth.hypervisor.id=pve-sim)");
            assertThat(reference.getBundle()).isEqualTo(provider);
            assertThat(reference.getProperty(".token.secret")).as("private property not published").isNull();
            assertThat(reference.getProperty("api.url")).isEqualTo(fixture.sim.baseUri().toString());
            Object hypervisor = context.getService(reference);
            Class<?> hypervisorType = provider.loadClass("io.berth.api.hypervisor.Hypervisor");
            assertThat(hypervisorType.getMethod("id").invoke(hypervisor)).isEqualTo("pve-sim");
            Object health = hypervisorType.getMethod("health").invoke(hypervisor);
            assertThat(health.getClass().getMethod("up").invoke(health)).as(String.valueOf(health)).isEqualTo(true);
            assertThat((Collection<?>) hypervisorType.getMethod("templates").invoke(hypervisor)).hasSize(3);
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    /** The runtime bundles from the test class path, the bundle under test last. */
    private static List<String> locations() throws Exception {
        List<String> locations = new ArrayList<>();
        for (String marker : List.of("org.apache.aries.spifly.BaseActivator", "org.osgi.util.function.Function", "org.osgi.util.promise.Promise",
                "org.osgi.service.component.ComponentContext", "org.osgi.service.log.LogService",
                "org.apache.felix.cm.impl.ConfigurationManager", "org.apache.felix.metatype.internal.Activator",
                "org.apache.felix.scr.impl.Activator", "org.slf4j.LoggerFactory", "org.slf4j.simple.SimpleLogger",
                "com.fasterxml.jackson.annotation.JsonProperty", "com.fasterxml.jackson.core.JsonFactory",
                "com.fasterxml.jackson.databind.ObjectMapper", "io.berth.api.hypervisor.Hypervisor")) {
            locations.add(location(Class.forName(marker)));
        }
        locations.add(location(ProxmoxHypervisor.class));
        return locations;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        File file = new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (file.isDirectory()) {
            assertThat(Files.exists(file.toPath().resolve("META-INF/MANIFEST.MF"))).as("bnd manifest in " + file).isTrue();
            return "reference:" + file.toURI();
        }
        return file.toURI().toString();
    }

    private static Object service(BundleContext context, String type) throws Exception {
        for (int i = 0; i < 100; i++) {
            // all references: the test's own class path also has these API classes, so the system bundle
            // would not count the framework's services as assignable
            ServiceReference<?>[] references = context.getAllServiceReferences(type, null);
            if (references != null) {
                return context.getService(references[0]);
            }
            Thread.sleep(50);
        }
        StringBuilder state = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            state.append('\n').append(b.getSymbolicName()).append(' ').append(b.getState()).append(' ')
                    .append(java.util.Arrays.toString(b.getRegisteredServices()));
        }
        throw new AssertionError("no " + type + state);
    }

    private static ServiceReference<?> awaitService(BundleContext context, String filter) throws Exception {
        for (int i = 0; i < 100; i++) {
            ServiceReference<?>[] references = context.getAllServiceReferences("io.berth.api.hypervisor.Hypervisor", filter);
            if (references != null && references.length > 0) {
                return references[0];
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no Hypervisor service " + filter);
    }
}
