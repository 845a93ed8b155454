package io.berth.rest.internal;

import io.berth.api.catalog.Catalog;
import io.berth.api.catalog.Image;

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

/** {@code GET /api/images}: the templates a user may pick (where they live on the hypervisor stays inside). */
@Component(service = ImagesResource.class)
@JakartarsResource
@JakartarsExtensionSelect({Extensions.AUTH, Extensions.JSON, Extensions.PROBLEMS})
@Path("images")
public final class ImagesResource {

    /** An image as the API shows it. */
    public record ImageJson(UUID id, String name, String os, int minDiskGb) {

        static ImageJson of(Image i) {
            return new ImageJson(i.id(), i.name(), i.os(), i.minDiskGb());
        }
    }

    private final Catalog catalog;

    @Activate
    public ImagesResource(@Reference Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ImageJson> images() {
        return catalog.images().stream().map(ImageJson::of).toList();
    }
}
