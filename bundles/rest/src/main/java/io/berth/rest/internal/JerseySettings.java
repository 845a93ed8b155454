package io.berth.rest.internal;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Jersey settings of the application: {@code Location} headers stay as the resources write them
 * ({@code /api/servers/{id}}, as API.md shows, right behind a TLS-terminating proxy too) instead of
 * being made absolute from the request's Host; no WADL. Property names as text, so the bundle does
 * not import Jersey.
 */
@Component(service = Feature.class)
@JakartarsExtension
@JakartarsName(JerseySettings.NAME)
public final class JerseySettings implements Feature {

    static final String NAME = "berth.jersey-settings";

    static final String RELATIVE_LOCATION = "jersey.config.server.headers.location.relative.resolution.disabled";
    static final String NO_WADL = "jersey.config.server.wadl.disableWadl";

    @Override
    public boolean configure(FeatureContext context) {
        context.property(RELATIVE_LOCATION, Boolean.TRUE);
        context.property(NO_WADL, Boolean.TRUE);
        return true;
    }
}
