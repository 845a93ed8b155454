package io.berth.runtime;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Writes configurations through the framework's ConfigurationAdmin service. The launcher does not
 * share the {@code org.osgi.service.cm} package with the framework (that would make bundles wire to
 * the launcher's copy), so the service's own interface is called reflectively.
 */
public final class Configurations implements AutoCloseable {

    private final ServiceTracker<Object, Object> tracker;

    public Configurations(BundleContext context) {
        this.tracker = new ServiceTracker<>(context, "org.osgi.service.cm.ConfigurationAdmin", null);
        this.tracker.open();
    }

    /** Sets the configuration, replacing what it had. {@code pid} may be {@code factoryPid~name}. */
    public void put(String pid, Map<String, Object> properties) throws Exception {
        update(configuration(pid), properties);
    }

    /** Sets the configuration only if it does not exist yet: what an administrator set wins. */
    public boolean putIfAbsent(String pid, Map<String, Object> properties) throws Exception {
        Object configuration = configuration(pid);
        Object current = api(configuration, "org.osgi.service.cm.Configuration").getMethod("getProperties")
                .invoke(configuration);
        if (current != null) {
            return false;
        }
        update(configuration, properties);
        return true;
    }

    /** Deletes the configuration if there is one. */
    public void delete(String pid) throws Exception {
        Object configuration = configuration(pid);
        api(configuration, "org.osgi.service.cm.Configuration").getMethod("delete").invoke(configuration);
    }

    /** Whether a configuration matches both filters (e.g. a factory PID, and not a given instance). */
    public boolean exists(String filter, String andNot) throws Exception {
        return list("(&" + filter + andNot + ")").length > 0;
    }

    /**
     * Deletes every configuration whose string property {@code key} satisfies the test; returns their PIDs.
     */
    public List<String> deleteIf(String key, Predicate<String> test) throws Exception {
        List<String> deleted = new ArrayList<>();
        for (Object configuration : list("(" + key + "=*)")) {
            Class<?> type = api(configuration, "org.osgi.service.cm.Configuration");
            Dictionary<?, ?> properties = (Dictionary<?, ?>) type.getMethod("getProperties").invoke(configuration);
            if (properties != null && properties.get(key) instanceof String value && test.test(value)) {
                deleted.add((String) type.getMethod("getPid").invoke(configuration));
                type.getMethod("delete").invoke(configuration);
            }
        }
        return deleted;
    }

    /** The configurations matching the filter; none is an empty array. */
    private Object[] list(String filter) throws Exception {
        Object admin = admin();
        Class<?> api = tracker.getServiceReference().getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object[] found = (Object[]) api.getMethod("listConfigurations", String.class).invoke(admin, filter);
        return found == null ? new Object[0] : found;
    }

    private Object admin() throws InterruptedException {
        Object admin = tracker.waitForService(30_000);
        if (admin == null) {
            throw new IllegalStateException("ConfigurationAdmin did not start within 30 s");
        }
        return admin;
    }

    private Object configuration(String pid) throws Exception {
        Object admin = admin();
        ServiceReference<Object> ref = tracker.getServiceReference();
        Class<?> api = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        int tilde = pid.indexOf('~');
        if (tilde > 0) {
            Method factory = api.getMethod("getFactoryConfiguration", String.class, String.class, String.class);
            return factory.invoke(admin, pid.substring(0, tilde), pid.substring(tilde + 1), "?");
        }
        return api.getMethod("getConfiguration", String.class, String.class).invoke(admin, pid, "?");
    }

    private static void update(Object configuration, Map<String, Object> properties) throws Exception {
        Dictionary<String, Object> dict = new Hashtable<>();
        properties.forEach((k, v) -> dict.put(k, v instanceof java.util.List<?> list
                ? list.stream().map(String::valueOf).toArray(String[]::new) : v));
        api(configuration, "org.osgi.service.cm.Configuration").getMethod("update", Dictionary.class)
                .invoke(configuration, dict);
    }

    /** The OSGi API type as the configuration admin implementation sees it. */
    private static Class<?> api(Object implementation, String type) throws ClassNotFoundException {
        return implementation.getClass().getClassLoader().loadClass(type);
    }

    @Override
    public void close() {
        tracker.close();
    }
}
