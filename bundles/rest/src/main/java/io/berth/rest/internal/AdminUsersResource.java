package io.berth.rest.internal;

import io.berth.api.account.Account;
import io.berth.api.account.AccountChange;
import io.berth.api.account.Accounts;
import io.berth.api.account.NewAccount;
import io.berth.api.account.Quotas;
import io.berth.api.account.Role;
import io.berth.api.domain.Caller;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** Admins manage accounts: list, create, change (disable, role, quotas, password). */
@Component(service = AdminUsersResource.class)
@JakartarsResource
@JakartarsExtensionSelect({Extensions.AUTH, Extensions.JSON, Extensions.PROBLEMS})
@Path("admin/users")
@AdminOnly
public final class AdminUsersResource {

    /** Quotas in a request: both counts are required. */
    public record QuotasBody(Integer servers, Integer subdomains) {
    }

    /** A new account. */
    public record NewUserBody(String email, String password, String role, QuotasBody quotas) {

        @Override
        public String toString() {
            return "NewUserBody[password hidden]";
        }
    }

    /** Changes to an account; absent fields stay as they are. */
    public record UserChangeBody(Boolean disabled, String role, QuotasBody quotas, String password) {

        @Override
        public String toString() {
            return "UserChangeBody[password hidden]";
        }
    }

    private final Accounts accounts;

    @Activate
    public AdminUsersResource(@Reference Accounts accounts) {
        this.accounts = accounts;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PageJson<UserJson> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        return PageJson.of(accounts.list(caller, Params.cursor(cursor), Params.limit(limit)), a -> UserJson.of(a, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(NewUserBody body, @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = CallerSecurityContext.callerOf(security);
        if (body == null) {
            throw ProblemException.badRequest("a JSON body {\"email\", \"password\"} is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Role role = role(body.role(), errors);
        Quotas quotas = quotas(body.quotas(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
        Account account = accounts.create(caller, new NewAccount(body.email(), body.password(), role, quotas));
        return Response.created(ServersResource.location(uri, "admin/users", account.id()))
                .entity(UserJson.of(account, accounts.usage(account.id())))
                .build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Produces(MediaType.APPLICATION_JSON)
    public UserJson update(@PathParam("id") String id, UserChangeBody body, @Context SecurityContext security) {
        Caller caller = CallerSecurityContext.callerOf(security);
        var accountId = Params.id(id, "account");
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Role role = role(body.role(), errors);
        Quotas quotas = quotas(body.quotas(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
        Account account = accounts.update(caller, accountId,
                new AccountChange(body.disabled(), role, quotas, body.password()));
        return UserJson.of(account, accounts.usage(account.id()));
    }

    private static Role role(String wire, List<Problem.FieldError> errors) {
        if (wire == null) {
            return null;
        }
        for (Role r : Role.values()) {
            if (r.wireName().equals(wire)) {
                return r;
            }
        }
        errors.add(new Problem.FieldError("role", "must be user or admin"));
        return null;
    }

    private static Quotas quotas(QuotasBody body, List<Problem.FieldError> errors) {
        if (body == null) {
            return null;
        }
        if (body.servers() == null) {
            errors.add(new Problem.FieldError("quotas.servers", "is required"));
        }
        if (body.subdomains() == null) {
            errors.add(new Problem.FieldError("quotas.subdomains", "is required"));
        }
        return body.servers() == null || body.subdomains() == null ? null
                : new Quotas(body.servers(), body.subdomains());
    }
}
