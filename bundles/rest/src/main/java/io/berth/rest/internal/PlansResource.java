package io.berth.rest.internal;

import io.berth.api.catalog.Catalog;
import io.berth.api.catalog.Limits;
import io.berth.api.catalog.Plan;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /api/plans}: the sizes on offer; {@code GET /api/plans/limits}: the bounds of
 * free-form sizing (a request with {@code cpu_cores, memory_mb, disk_gb} instead of a plan).
 */
@Component(service = PlansResource.class)
@JakartarsResource
@JakartarsExtensionSelect({Extensions.AUTH, Extensions.JSON, Extensions.PROBLEMS})
@Path("plans")
public final class PlansResource {

    /** A plan as the API shows it. */
    public record PlanJson(UUID id, String name, int cpuCores, int memoryMb, int diskGb) {

        static PlanJson of(Plan p) {
            return new PlanJson(p.id(), p.name(), p.cpuCores(), p.memoryMb(), p.diskGb());
        }
    }

    /** The largest free-form server. */
    public record LimitsJson(int maxCpuCores, int maxMemoryMb, int maxDiskGb) {
    }

    private final Catalog catalog;

    @Activate
    public PlansResource(@Reference Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PlanJson> plans() {
        return catalog.plans().stream().map(PlanJson::of).toList();
    }

    @GET
    @Path("limits")
    @Produces(MediaType.APPLICATION_JSON)
    public LimitsJson limits() {
        Limits l = catalog.limits();
        return new LimitsJson(l.maxCpuCores(), l.maxMemoryMb(), l.maxDiskGb());
    }
}
