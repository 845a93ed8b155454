package io.berth.rest.internal;

import io.berth.api.account.Account;
import io.berth.api.account.Accounts;
import io.berth.api.domain.Caller;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /api/users/me}: the caller's account with its quotas and what it uses of them. */
@Component(service = UsersResource.class)
@JakartarsResource
@JakartarsExtensionSelect({Extensions.AUTH, Extensions.JSON, Extensions.PROBLEMS})
@Path("users")
public final class UsersResource {

    private final Accounts accounts;

    @Activate
    public UsersResource(@Reference Accounts accounts) {
        this.accounts = accounts;
    }

    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public UserJson me(@Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        Account account = accounts.find(caller.accountId())
                .orElseThrow(() -> ProblemException.notFound("account not found"));
        return UserJson.of(account, accounts.usage(account.id()));
    }
}
