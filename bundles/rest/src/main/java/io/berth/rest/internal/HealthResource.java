package io.berth.rest.internal;

import io.berth.api.health.PlatformHealth;
import io.berth.api.provider.ProviderHealth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /api/health}: the database and every registered provider, as core sees them.
 * Answers without authentication; 200 when the database is up, 503 when it is not.
 */
@Component(service = HealthResource.class)
@JakartarsResource
@Path("health")
public final class HealthResource {

    private volatile PlatformHealth platform;

    public HealthResource() {
    }

    HealthResource(PlatformHealth platform) {
        this.platform = platform;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPlatform(PlatformHealth platform) {
        this.platform = platform;
    }

    void unsetPlatform(PlatformHealth platform) {
        if (this.platform == platform) {
            this.platform = null;
        }
    }

    @GET
    @Public
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        PlatformHealth current = platform;
        Map<String, Check> checks = new LinkedHashMap<>();
        ProviderHealth db = current == null ? ProviderHealth.down("core is not running") : current.database();
        checks.put("database", Check.of(db));
        if (current != null) {
            current.providers().forEach((name, health) -> checks.put(name, Check.of(health)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", db.up() ? "UP" : "DOWN");
        body.put("checks", checks);
        return Response.status(db.up() ? 200 : 503).entity(body).build();
    }

    /** The state of one dependency. */
    record Check(String status, String detail) {

        static Check of(ProviderHealth health) {
            return new Check(health.up() ? "UP" : "DOWN", health.detail());
        }
    }
}
