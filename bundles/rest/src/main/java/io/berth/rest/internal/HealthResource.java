package io.berth.rest.internal;

import io.berth.api.health.PlatformHealth;
import io.berth.api.provider.ProviderHealth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /api/health}: the database and every registered provider, as core sees them, and
 * whether Berth's API is complete. Answers without authentication; 200 when the database is up and
 * the application serving this request holds every resource of the API, 503 otherwise. A client
 * that saw 200 goes on to log in: the resources come up with core's services, once the database is
 * migrated, and the REST whiteboard builds them into its application a moment after they are
 * registered, so neither "the database is up" nor "the login resource is registered" meant a login
 * would find its resource. The application that answers this request is the one (or an older one
 * than the one) that answers the next.
 */
@Component(service = HealthResource.class)
@JakartarsResource
@Path("health")
public final class HealthResource {

    /** The API's resources; health waits until the application serving it holds all of them. */
    static final List<Class<?>> API = List.of(LoginResource.class, UsersResource.class, ServersResource.class,
            ImagesResource.class, PlansResource.class, AdminUsersResource.class, AdminServersResource.class,
            OpenApiResource.class);

    private volatile PlatformHealth platform;

    public HealthResource() {
    }

    /** For tests that serve the API's resources themselves. */
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
    public Response health(@Context Configuration application) {
        PlatformHealth current = platform;
        Map<String, Check> checks = new LinkedHashMap<>();
        ProviderHealth db = current == null ? ProviderHealth.down("core is not running") : current.database();
        checks.put("database", Check.of(db));
        List<String> missing = API.stream().filter(resource -> !serves(application, resource))
                .map(Class::getSimpleName).toList();
        ProviderHealth api = missing.isEmpty() ? ProviderHealth.up("every resource served")
                : ProviderHealth.down("starting: waiting for " + String.join(", ", missing));
        checks.put("api", Check.of(api));
        if (current != null) {
            current.providers().forEach((name, health) -> checks.put(name, Check.of(health)));
        }
        boolean up = db.up() && api.up();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        return Response.status(up ? 200 : 503).entity(body).build();
    }

    /** Whether the application holds the resource, as an object (a singleton service) or a class (a prototype). */
    static boolean serves(Configuration application, Class<?> resource) {
        return application.getClasses().contains(resource)
                || application.getInstances().stream().anyMatch(resource::isInstance);
    }

    /** The state of one dependency. */
    record Check(String status, String detail) {

        static Check of(ProviderHealth health) {
            return new Check(health.up() ? "UP" : "DOWN", health.detail());
        }
    }
}
