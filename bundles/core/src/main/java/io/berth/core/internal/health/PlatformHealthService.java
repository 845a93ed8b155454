package io.berth.core.internal.health;

import io.berth.api.dns.DnsProvider;
import io.berth.api.exposure.ExposureProvider;
import io.berth.api.health.PlatformHealth;
import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.provider.Provider;
import io.berth.api.provider.ProviderHealth;
import io.berth.api.vpn.VpnGateway;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Tracks the database and every provider of every extension point, and asks them how they are. */
@Component(service = PlatformHealth.class)
public final class PlatformHealthService implements PlatformHealth {

    private volatile DataSource database;
    private final Map<String, Provider> providers = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(berth.datasource=main)")
    void setDatabase(DataSource ds) {
        this.database = ds;
    }

    void unsetDatabase(DataSource ds) {
        if (this.database == ds) {
            this.database = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHypervisor(Hypervisor p, Map<String, Object> props) {
        providers.put(key("hypervisor", props.get(Hypervisor.ID)), p);
    }

    void removeHypervisor(Hypervisor p, Map<String, Object> props) {
        providers.remove(key("hypervisor", props.get(Hypervisor.ID)), p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addVpnGateway(VpnGateway p, Map<String, Object> props) {
        providers.put(key("vpn", props.get(VpnGateway.ID)), p);
    }

    void removeVpnGateway(VpnGateway p, Map<String, Object> props) {
        providers.remove(key("vpn", props.get(VpnGateway.ID)), p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDnsProvider(DnsProvider p, Map<String, Object> props) {
        providers.put(key("dns", props.get(DnsProvider.ID)), p);
    }

    void removeDnsProvider(DnsProvider p, Map<String, Object> props) {
        providers.remove(key("dns", props.get(DnsProvider.ID)), p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addExposureProvider(ExposureProvider p, Map<String, Object> props) {
        providers.put(key("exposure", props.get(ExposureProvider.ID)), p);
    }

    void removeExposureProvider(ExposureProvider p, Map<String, Object> props) {
        providers.remove(key("exposure", props.get(ExposureProvider.ID)), p);
    }

    private static String key(String kind, Object id) {
        return kind + ":" + id;
    }

    @Override
    public ProviderHealth database() {
        DataSource ds = database;
        if (ds == null) {
            return ProviderHealth.down("not available: not configured, unreachable or migration failed (see the log)");
        }
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            // the health answer is public: product and version only, never the URL or user
            return c.isValid(2) ? ProviderHealth.up(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion())
                    : ProviderHealth.down("connection not valid");
        } catch (Exception e) {
            return ProviderHealth.down(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public Map<String, ProviderHealth> providers() {
        Map<String, ProviderHealth> out = new LinkedHashMap<>();
        providers.forEach((name, provider) -> {
            ProviderHealth health;
            try {
                health = provider.health();
            } catch (RuntimeException e) {
                health = ProviderHealth.down(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            out.put(name, health);
        });
        return out;
    }
}
