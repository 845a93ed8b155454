package io.berth.rest.internal;

import io.berth.api.account.Account;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);
    private static final String BEARER = "Bearer ";

    private final Tokens tokens;
    private final Accounts accounts;

    @Context
    private ResourceInfo resourceInfo;

    @Activate
    public AuthFilter(@Reference Tokens tokens, @Reference Accounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method != null && method.isAnnotationPresent(Public.class)) {
            return;
        }
        Caller caller = authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                (String) request.getProperty(AccessLog.REMOTE_ADDRESS));
        SecurityContext before = request.getSecurityContext();
        request.setSecurityContext(new CallerSecurityContext(caller, before != null && before.isSecure()));
        request.setProperty(AccessLog.ACCOUNT_ID, caller.accountId().toString());
        if (adminOnly(method) && !caller.admin()) {
            throw ProblemException.forbidden("this needs the admin role");
        }
    }

    Caller authenticate(String authorization, String remoteAddress) {
        if (authorization == null || authorization.isBlank()) {
            throw ProblemException.unauthorized("authentication required: send Authorization: Bearer <token>");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ProblemException.unauthorized("only Bearer tokens are accepted");
        }
        JwtCodec.Claims claims;
        try {
            claims = tokens.verify(authorization.substring(BEARER.length()).trim());
        } catch (JwtCodec.InvalidTokenException e) {
            LOG.debug("token refused: {}", e.getMessage());
            throw ProblemException.invalidToken(e.expired() ? "the access token has expired" : "the access token is invalid");
        }
        Account account = accounts.find(claims.accountId())
                .filter(a -> !a.disabled() && !a.passwordResetRequired())
                .orElseThrow(() -> ProblemException.invalidToken("the account is disabled or no longer exists"));
        return new Caller(account.id(), account.email(), account.admin(), remoteAddress);
    }

    private boolean adminOnly(Method method) {
        if (method == null) {
            return false;
        }
        Class<?> type = resourceInfo.getResourceClass();
        return method.isAnnotationPresent(AdminOnly.class) || (type != null && type.isAnnotationPresent(AdminOnly.class));
    }
}
