package io.berth.rest.internal;

import io.berth.api.domain.Caller;
import io.berth.api.hypervisor.PowerAction;
import io.berth.api.server.CreateServer;
import io.berth.api.server.Created;
import io.berth.api.server.Server;
import io.berth.api.server.Servers;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The caller's servers: list, order, look at, power actions, terminate. Core checks ownership
 * (another user's server is 404), quotas and which action fits which status.
 */
@Component(service = ServersResource.class)
@JakartarsResource
@JakartarsExtensionSelect({Extensions.AUTH, Extensions.JSON, Extensions.PROBLEMS})
@Path("servers")
public final class ServersResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on a 202 that answers a repeated order instead of making a new server. */
    static final String REPLAYED = "Idempotent-Replayed";

    /** An order: an image with a plan, or with explicit resources. */
    public record CreateServerBody(String name, UUID imageId, UUID planId, Integer cpuCores, Integer memoryMb,
            Integer diskGb, List<String> sshKeys) {
    }

    /** A power action. */
    public record ActionBody(String action) {
    }

    private final Servers servers;

    @Activate
    public ServersResource(@Reference Servers servers) {
        this.servers = servers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PageJson<ServerJson> list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        return PageJson.of(servers.list(caller, Params.status(status), Params.cursor(cursor), Params.limit(limit)),
                ServerJson::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(CreateServerBody body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = CallerSecurityContext.callerOf(security);
        String key = Params.idempotencyKey(idempotencyKey);
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        List<String> sshKeys = body.sshKeys();
        if (sshKeys != null) {
            for (int i = 0; i < sshKeys.size(); i++) {
                if (sshKeys.get(i) == null) {
                    throw ProblemException.invalidField("ssh_keys[" + i + "]", "must be a string");
                }
            }
        }
        Created created = servers.create(caller, new CreateServer(body.name(), body.imageId(), body.planId(),
                body.cpuCores(), body.memoryMb(), body.diskGb(), sshKeys), key);
        Server server = created.server();
        Response.ResponseBuilder answer = Response.accepted(ServerJson.of(server))
                .location(location(uri, "servers", server.id()));
        if (created.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public ServerJson get(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        return ServerJson.of(servers.get(caller, Params.id(id, "server")));
    }

    @POST
    @Path("{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response act(@PathParam("id") String id, ActionBody body, @Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        UUID serverId = Params.id(id, "server");
        PowerAction action = action(body);
        return Response.accepted(ServerJson.of(servers.act(caller, serverId, action))).build();
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response terminate(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        return Response.accepted(ServerJson.of(servers.terminate(caller, Params.id(id, "server")))).build();
    }

    static PowerAction action(ActionBody body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body {\"action\"} is required");
        }
        if (body.action() == null || body.action().isBlank()) {
            throw ProblemException.invalidField("action", "is required");
        }
        for (PowerAction a : PowerAction.values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(body.action())) {
                return a;
            }
        }
        throw ProblemException.invalidField("action", "must be one of start, stop, shutdown, reboot");
    }

    /**
     * Where a new resource lives: an absolute path under the API's base ({@code /api/servers/…}),
     * left as it is by {@link JerseySettings}.
     */
    static URI location(UriInfo uri, String collection, UUID id) {
        String base = uri.getBaseUri().getRawPath();
        return URI.create((base.endsWith("/") ? base : base + "/") + collection + "/" + id);
    }
}
