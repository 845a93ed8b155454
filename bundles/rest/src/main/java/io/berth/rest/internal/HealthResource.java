package io.berth.rest.internal;

import io.berth.api.dns.DnsProvider;
import io.berth.api.exposure.ExposureProvider;
import io.berth.api.hypervisor.Hypervisor;
import io.berth.api.provider.Provider;
import io.berth.api.provider.ProviderHealth;
import io.berth.api.vpn.VpnGateway;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /api/health}: the database and every registered provider. Answers without
 * authentication; 200 when the database is up, 503 when it is not.
 */
@Component(service = HealthResource.class)
@JakartarsResource
@Path("health")
public final class HealthResource {

    /** One provider service with the property naming its id. */
    record Registered(Provider provider, String kind, String id) {
    }

    private volatile DataSource database;
    private final CopyOnWriteArrayList<Registered> providers = new CopyOnWriteArrayList<>();

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
    void addHypervisor(Hypervisor provider, Map<String, Object> props) {
        providers.add(new Registered(provider, "hypervisor", String.valueOf(props.get(Hypervisor.ID))));
    }

    void removeHypervisor(Hypervisor provider) {
        remove(provider);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addVpnGateway(VpnGateway provider, Map<String, Object> props) {
        providers.add(new Registered(provider, "vpn", String.valueOf(props.get(VpnGateway.ID))));
    }

    void removeVpnGateway(VpnGateway provider) {
        remove(provider);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDnsProvider(DnsProvider provider, Map<String, Object> props) {
        providers.add(new Registered(provider, "dns", String.valueOf(props.get(DnsProvider.ID))));
    }

    void removeDnsProvider(DnsProvider provider) {
        remove(provider);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addExposureProvider(ExposureProvider provider, Map<String, Object> props) {
        providers.add(new Registered(provider, "exposure", String.valueOf(props.get(ExposureProvider.ID))));
    }

    void removeExposureProvider(ExposureProvider provider) {
        remove(provider);
    }

    private void remove(Provider provider) {
        providers.removeIf(r -> r.provider() == provider);
    }

    @GET
    @Public
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        Map<String, Object> checks = new LinkedHashMap<>();
        Check db = checkDatabase(database);
        checks.put("database", db);
        for (Registered r : providers) {
            ProviderHealth h;
            try {
                h = r.provider().health();
            } catch (RuntimeException e) {
                h = ProviderHealth.down(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            checks.put(r.kind() + ":" + r.id(), new Check(h.up() ? "UP" : "DOWN", h.detail()));
        }
        boolean up = "UP".equals(db.status());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        return Response.status(up ? 200 : 503).entity(body).build();
    }

    /** The state of one dependency. */
    record Check(String status, String detail) {
    }

    static Check checkDatabase(DataSource ds) {
        if (ds == null) {
            return new Check("DOWN", "not available: not configured, unreachable or migration failed (see the log)");
        }
        try (Connection c = ds.getConnection()) {
            return c.isValid(2) ? new Check("UP", "PostgreSQL " + c.getMetaData().getDatabaseProductVersion())
                    : new Check("DOWN", "connection not valid");
        } catch (Exception e) {
            return new Check("DOWN", e.getMessage());
        }
    }
}
