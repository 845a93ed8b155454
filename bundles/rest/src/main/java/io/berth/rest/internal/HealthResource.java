package io.berth.rest.internal;

import io.berth.api.health.PlatformHealth;
import io.berth.api.provider.ProviderHealth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /api/health}: the database and every registered provider, as core sees them, and
 * whether Berth's API is complete. Answers without authentication; 200 when the database is up and
 * every resource of the API is registered, 503 otherwise. A client that saw 200 goes on to log in:
 * the resources come up with core's services, which are registered only once the database is
 * migrated, so "the database is up" alone was true a moment before the login resource was there.
 */
@Component(service = HealthResource.class)
@JakartarsResource
@Path("health")
public final class HealthResource {

    /** The API's resources, by the name of their component; health waits for all of them. */
    static final List<String> API = List.of(LoginResource.class.getName(), UsersResource.class.getName(),
            ServersResource.class.getName(), ImagesResource.class.getName(), PlansResource.class.getName(),
            AdminUsersResource.class.getName(), AdminServersResource.class.getName(), OpenApiResource.class.getName());

    private volatile PlatformHealth platform;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public HealthResource() {
    }

    /** For tests that serve the API's resources themselves. */
    HealthResource(PlatformHealth platform) {
        this.platform = platform;
        registered.addAll(API);
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

    // one reference per resource of the API; each adds its component's name while registered
    @Reference(service = LoginResource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, unbind = "gone")
    void login(Map<String, Object> properties) {
        came(properties);
    }

    @Reference(service = UsersResource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, unbind = "gone")
    void users(Map<String, Object> properties) {
        came(properties);
    }

    @Reference(service = ServersResource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, unbind = "gone")
    void servers(Map<String, Object> properties) {
        came(properties);
    }

    @Reference(service = ImagesResource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, unbind = "gone")
    void images(Map<String, Object> properties) {
        came(properties);
    }

    @Reference(service = PlansResource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, unbind = "gone")
    void plans(Map<String, Object> properties) {
        came(properties);
    }

    @Reference(service = AdminUsersResource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, unbind = "gone")
    void adminUsers(Map<String, Object> properties) {
        came(properties);
    }

    @Reference(service = AdminServersResource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, unbind = "gone")
    void adminServers(Map<String, Object> properties) {
        came(properties);
    }

    @Reference(service = OpenApiResource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, unbind = "gone")
    void openApi(Map<String, Object> properties) {
        came(properties);
    }

    void came(Map<String, Object> properties) {
        registered.add(String.valueOf(properties.get("component.name")));
    }

    void gone(Map<String, Object> properties) {
        registered.remove(String.valueOf(properties.get("component.name")));
    }

    @GET
    @Public
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        PlatformHealth current = platform;
        Map<String, Check> checks = new LinkedHashMap<>();
        ProviderHealth db = current == null ? ProviderHealth.down("core is not running") : current.database();
        checks.put("database", Check.of(db));
        List<String> missing = API.stream().filter(name -> !registered.contains(name))
                .map(name -> name.substring(name.lastIndexOf('.') + 1)).toList();
        ProviderHealth api = missing.isEmpty() ? ProviderHealth.up("every resource registered")
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

    /** The state of one dependency. */
    record Check(String status, String detail) {

        static Check of(ProviderHealth health) {
            return new Check(health.up() ? "UP" : "DOWN", health.detail());
        }
    }
}
