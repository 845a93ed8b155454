package io.berth.rest.internal;

import io.berth.api.account.Account;
import io.berth.api.account.Accounts;
import io.berth.api.domain.Caller;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a request's {@code Authorization} header names: a valid bearer token of an account that still
 * exists, is not disabled and needs no password reset. Shared by the JAX-RS {@link AuthFilter} and
 * the {@link ServerListFilter} in front of it.
 */
final class Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final String BEARER = "Bearer ";

    private final Tokens tokens;
    private final Accounts accounts;

    Authenticator(Tokens tokens, Accounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /** The caller, or a 401 {@link ProblemException} saying what is wrong. */
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
}
