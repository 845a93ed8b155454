package io.berth.rest.internal;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * JSON for every resource, with Berth's mapping (snake_case, RFC 3339 times). Registered as a
 * Feature: registering the Jackson provider itself as an extension breaks the whiteboard.
 */
@Component(service = Feature.class)
@JakartarsExtension
@JakartarsName(JsonFeature.NAME)
public final class JsonFeature implements Feature {

    static final String NAME = "berth.json";

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new JacksonJsonProvider(Json.MAPPER));
        return true;
    }
}
