package io.berth.rest.internal;

import io.berth.api.domain.Caller;
import io.berth.api.server.Servers;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** Admins see every server and suspend or unsuspend them. */
@Component(service = AdminServersResource.class)
@JakartarsResource
@JakartarsExtensionSelect({Extensions.AUTH, Extensions.JSON, Extensions.PROBLEMS})
@Path("admin/servers")
@AdminOnly
public final class AdminServersResource {

    private final Servers servers;

    @Activate
    public AdminServersResource(@Reference Servers servers) {
        this.servers = servers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PageJson<ServerJson> list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        return PageJson.of(servers.listAll(caller, Params.status(status), Params.cursor(cursor), Params.limit(limit)),
                ServerJson::of);
    }

    @POST
    @Path("{id}/suspend")
    @Produces(MediaType.APPLICATION_JSON)
    public ServerJson suspend(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        return ServerJson.of(servers.suspend(caller, Params.id(id, "server")));
    }

    @POST
    @Path("{id}/unsuspend")
    @Produces(MediaType.APPLICATION_JSON)
    public ServerJson unsuspend(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        return ServerJson.of(servers.unsuspend(caller, Params.id(id, "server")));
    }
}
