package io.berth.rest.internal;

import io.berth.api.domain.Caller;

import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/** The security context of an authenticated request: its principal carries the {@link Caller}. */
final class CallerSecurityContext implements SecurityContext {

    /** The authenticated account, as a principal named by its id. */
    record CallerPrincipal(Caller caller) implements Principal {

        @Override
        public String getName() {
            return caller.accountId().toString();
        }
    }

    private final CallerPrincipal principal;
    private final boolean secure;

    CallerSecurityContext(Caller caller, boolean secure) {
        this.principal = new CallerPrincipal(caller);
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return "admin".equals(role) ? principal.caller().admin() : "user".equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }

    /**
     * The caller of a request that passed the authentication filter. Fails closed: a request
     * that reached a protected resource without one gets 401.
     */
    static Caller callerOf(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof CallerPrincipal p) {
            return p.caller();
        }
        throw ProblemException.unauthorized("authentication required");
    }
}
