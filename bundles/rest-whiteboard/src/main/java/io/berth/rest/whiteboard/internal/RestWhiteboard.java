package io.berth.rest.whiteboard.internal;

import org.eclipse.osgitech.rest.annotations.ProvideRuntimeAdapter;
import org.eclipse.osgitech.rest.provider.JerseyConstants;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.condition.Condition;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Jakarta REST whiteboard on every matching HTTP whiteboard runtime, one configuration per base
 * path: Berth's adapter for osgitech's whiteboard runtime, in place of osgitech's servlet adapter
 * bundle (it provides the same runtime-adapter capability), which builds each application's Jersey
 * three times on the way to the first answer (see {@link ApplicationMount}). Starts once osgitech's
 * runtime check found the Jersey bundles, like osgitech's own adapter.
 */
@Component(name = RestWhiteboard.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        reference = @Reference(name = "runtimeCondition", service = Condition.class,
                target = JerseyConstants.JERSEY_RUNTIME_CONDITION))
@Designate(ocd = RestWhiteboard.Config.class, factory = true)
@ProvideRuntimeAdapter(HttpWhiteboardConstants.HTTP_WHITEBOARD_IMPLEMENTATION)
@RequireHttpWhiteboard
public final class RestWhiteboard {

    static final String PID = "io.berth.rest.whiteboard";

    @ObjectClassDefinition(name = "Berth Jakarta REST whiteboard",
            description = "Serves the Jakarta REST whiteboard's applications through the HTTP whiteboard under a base path.")
    @interface Config {

        @AttributeDefinition(name = "Base path", description = "Where the whiteboard's applications are mounted, e.g. /api")
        String jersey_context_path() default "/";

        @AttributeDefinition(name = "HTTP runtime", description = "A filter selecting the HTTP whiteboard runtimes to "
                + "serve on (all when empty)", required = false)
        String osgi_http_whiteboard_target() default "";
    }

    private final ServiceTracker<HttpServiceRuntime, ServletRuntime> runtimes;

    @Activate
    public RestWhiteboard(BundleContext context, Config config) throws InvalidSyntaxException {
        String filter = "(objectClass=" + HttpServiceRuntime.class.getName() + ")";
        String target = config.osgi_http_whiteboard_target();
        if (target != null && !target.isBlank()) {
            filter = "(&" + filter + target + ")";
        }
        String basePath = config.jersey_context_path();
        runtimes = new ServiceTracker<>(context, context.createFilter(filter), null) {

            @Override
            public ServletRuntime addingService(ServiceReference<HttpServiceRuntime> reference) {
                return new ServletRuntime(context, basePath, reference, ApplicationMount.SETTLE);
            }

            @Override
            public void removedService(ServiceReference<HttpServiceRuntime> reference, ServletRuntime runtime) {
                runtime.close();
            }
        };
        runtimes.open();
    }

    @Deactivate
    void deactivate() {
        runtimes.close();
    }
}
