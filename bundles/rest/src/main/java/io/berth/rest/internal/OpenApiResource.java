package io.berth.rest.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 document of the API, kept next to the resources
 * ({@code openapi.json} in this package); {@code OpenApiDocumentTest} fails when it and the
 * resource classes disagree.
 */
@Component(service = OpenApiResource.class)
@JakartarsResource
@Path("openapi.json")
public final class OpenApiResource {

    static final String DOCUMENT = "openapi.json";

    private final byte[] document = load();

    @GET
    @Public
    @Produces(MediaType.APPLICATION_JSON)
    public Response document() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).cacheControl(cache).build();
    }

    static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
