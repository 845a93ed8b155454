package io.berth.rest.internal;

import io.berth.api.account.Account;
import io.berth.api.account.Accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/login}: an access token for an email and password. A wrong password and an
 * unknown email get the same 401; repeated failures get 429 with {@code Retry-After}.
 */
@Component(service = LoginResource.class)
@JakartarsResource
@JakartarsExtensionSelect({Extensions.JSON, Extensions.PROBLEMS})
@Path("login")
public final class LoginResource {

    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_PASSWORD_LENGTH = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LoginResource.class);

    /** The login form. */
    public record LoginBody(String email, String password) {

        @Override
        public String toString() {
            return "LoginBody[password hidden]";
        }
    }

    /** An OAuth-style token answer. */
    public record TokenJson(String accessToken, String tokenType, long expiresIn) {
    }

    private final Accounts accounts;
    private final Tokens tokens;
    private final LoginThrottle throttle;

    @Activate
    public LoginResource(@Reference Accounts accounts, @Reference Tokens tokens, @Reference LoginThrottle throttle) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    @POST
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response login(LoginBody body, @Context HttpServletRequest http) {
        validate(body);
        String address = http == null ? null : http.getRemoteAddr();
        Duration wait = throttle.blockedFor(body.email(), address);
        if (!wait.isZero()) {
            long seconds = LoginThrottle.retryAfterSeconds(wait);
            LOG.info("login throttled remote={} retry_after_s={}", address, seconds);
            throw ProblemException.tooManyRequests("too many failed logins; try again in " + seconds + " seconds",
                    seconds);
        }
        Optional<Account> account = accounts.authenticate(body.email().trim(), body.password());
        if (account.isEmpty()) {
            throttle.failed(body.email(), address);
            // never the email: people type passwords into it
            LOG.info("login refused remote={}", address);
            throw new ProblemException(401, "wrong email or password", null,
                    Map.of("WWW-Authenticate", "Bearer realm=\"" + ProblemException.REALM + "\""));
        }
        throttle.succeeded(body.email());
        JwtCodec.Issued issued = tokens.issue(account.get());
        LOG.info("login account={} remote={}", account.get().id(), address);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new TokenJson(issued.token(), "Bearer", issued.expiresIn()))
                .cacheControl(noStore)
                .header("Pragma", "no-cache")
                .build();
    }

    private static void validate(LoginBody body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body {\"email\", \"password\"} is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body.email() == null || body.email().isBlank()) {
            errors.add(new Problem.FieldError("email", "is required"));
        } else if (body.email().length() > MAX_EMAIL_LENGTH) {
            errors.add(new Problem.FieldError("email", "must be at most " + MAX_EMAIL_LENGTH + " characters"));
        }
        if (body.password() == null || body.password().isEmpty()) {
            errors.add(new Problem.FieldError("password", "is required"));
        } else if (body.password().length() > MAX_PASSWORD_LENGTH) {
            errors.add(new Problem.FieldError("password", "must be at most " + MAX_PASSWORD_LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
    }
}
