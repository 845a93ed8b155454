package io.berth.rest.internal;

import io.berth.api.account.Accounts;
import io.berth.api.domain.Caller;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

import java.lang.reflect.Method;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Authenticates every request except the {@link Public} ones: a valid bearer token of an account
 * that still exists and is not disabled. Puts the {@link Caller} into the request's security
 * context; answers 401 with a Bearer challenge otherwise, and 403 on {@link AdminOnly} resources
 * for callers without the admin role.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName(AuthFilter.NAME)
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {

    static final String NAME = "berth.auth";

    private final Authenticator authenticator;

    @Context
    private ResourceInfo resourceInfo;

    @Activate
    public AuthFilter(@Reference Tokens tokens, @Reference Accounts accounts) {
        this.authenticator = new Authenticator(tokens, accounts);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method != null && method.isAnnotationPresent(Public.class)) {
            return;
        }
        Caller caller = authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                (String) request.getProperty(AccessLog.REMOTE_ADDRESS));
        SecurityContext before = request.getSecurityContext();
        request.setSecurityContext(new CallerSecurityContext(caller, before != null && before.isSecure()));
        request.setProperty(AccessLog.ACCOUNT_ID, caller.accountId().toString());
        if (adminOnly(method) && !caller.admin()) {
            throw ProblemException.forbidden("this needs the admin role");
        }
    }

    private boolean adminOnly(Method method) {
        if (method == null) {
            return false;
        }
        Class<?> type = resourceInfo.getResourceClass();
        return method.isAnnotationPresent(AdminOnly.class) || (type != null && type.isAnnotationPresent(AdminOnly.class));
    }
}
