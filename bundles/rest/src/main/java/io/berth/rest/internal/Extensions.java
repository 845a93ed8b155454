package io.berth.rest.internal;

/**
 * Whiteboard filters for {@code @JakartarsExtensionSelect}: a resource is only published once the
 * extensions it relies on are there, so no protected resource is ever served without the
 * authentication filter, and no answer goes out without the JSON mapping and problem documents.
 */
final class Extensions {

    static final String JSON = "(osgi.jakartars.name=" + JsonFeature.NAME + ")";
    static final String PROBLEMS = "(osgi.jakartars.name=" + ProblemMapper.NAME + ")";
    static final String AUTH = "(osgi.jakartars.name=" + AuthFilter.NAME + ")";

    private Extensions() {
    }
}
