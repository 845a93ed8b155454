package io.berth.rest.internal;

import io.berth.api.account.Account;
import io.berth.api.account.SigningKeys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens: issues them at login and verifies them on every request. The signing key is the
 * one every node shares through the database ({@link SigningKeys}), unless the configuration
 * gives one. The key is loaded at first use, so the bundle starts before the database is up.
 * <p>
 * A token that passed verification is remembered until it expires: checking an ES256 signature
 * costs about a millisecond of CPU, the lookup next to nothing, and a dashboard presents the same
 * token on every request. A remembered token is only accepted by the codec that verified it and
 * while it has not expired; everything else goes through the full check again.
 */
@Component(service = Tokens.class, configurationPid = Tokens.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = Tokens.Config.class)
public final class Tokens {

    static final String PID = "io.berth.rest.jwt";

    /** How many verified tokens are remembered (a few hundred bytes each). */
    static final int VERIFIED_TOKENS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Tokens.class);

    @ObjectClassDefinition(name = "Berth access tokens",
            description = "How the REST API signs and checks its JWT access tokens (ES256).")
    public @interface Config {

        @AttributeDefinition(name = "Issuer", description = "The iss claim written into tokens and required of them.")
        String issuer() default "berth";

        @AttributeDefinition(name = "Audience", description = "The aud claim written into tokens and required of them.")
        String audience() default "berth-api";

        @AttributeDefinition(name = "Lifetime (seconds)",
                description = "How long a token is valid after login (60 to 86400).", min = "60", max = "86400")
        int ttl__seconds() default 3600;

        @AttributeDefinition(name = "Clock skew (seconds)",
                description = "Tolerance for clocks that differ between nodes when checking exp and nbf (0 to 300).",
                min = "0", max = "300")
        int clock__skew__seconds() default 60;

        @AttributeDefinition(name = "Signing key (JWK)", type = AttributeType.PASSWORD, required = false,
                description = "A private EC P-256 JSON Web Key with a kid. Empty: the key kept in the database, "
                        + "shared by every node. Set it on every node alike, or tokens of one node fail on another.")
        String _private__jwk() default "";
    }

    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Duration clockSkew;
    private final Clock clock;
    private final JwtCodec configured;
    private final AtomicReference<JwtCodec> shared = new AtomicReference<>();
    private volatile SigningKeys signingKeys;
    private final Cache<String, Verified> verified;

    /** A token's claims, and the codec that checked them. */
    private record Verified(JwtCodec codec, JwtCodec.Claims claims) {
    }

    @Activate
    public Tokens(Config config) {
        this(config, Clock.systemUTC());
    }

    Tokens(Config config, Clock clock) {
        this.issuer = nonBlank(config.issuer(), "berth");
        this.audience = nonBlank(config.audience(), "berth-api");
        int ttlSeconds = config.ttl__seconds();
        if (ttlSeconds < 60 || ttlSeconds > 86_400) {
            throw new IllegalArgumentException(PID + ": ttl_seconds must be between 60 and 86400, not " + ttlSeconds);
        }
        int skew = config.clock__skew__seconds();
        if (skew < 0 || skew > 300) {
            throw new IllegalArgumentException(PID + ": clock_skew_seconds must be between 0 and 300, not " + skew);
        }
        this.ttl = Duration.ofSeconds(ttlSeconds);
        this.clockSkew = Duration.ofSeconds(skew);
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(VERIFIED_TOKENS)
                .expireAfterWrite(ttl.plus(clockSkew)).build();
        String jwk = config._private__jwk();
        if (jwk != null && !jwk.isBlank()) {
            try {
                this.configured = codec(JwtCodec.parseKey(jwk));
            } catch (IllegalArgumentException e) {
                LOG.error("{}: .private_jwk is unusable: {}", PID, e.getMessage());
                throw new IllegalArgumentException(PID + ": .private_jwk is unusable: " + e.getMessage());
            }
            LOG.info("access tokens signed with the configured key kid={}", configured.keyId());
        } else {
            this.configured = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setSigningKeys(SigningKeys keys) {
        this.signingKeys = keys;
        shared.set(null);
        verified.invalidateAll();
    }

    void unsetSigningKeys(SigningKeys keys) {
        if (this.signingKeys == keys) {
            this.signingKeys = null;
            shared.set(null);
            verified.invalidateAll();
        }
    }

    /** A new token for an account that just logged in. */
    JwtCodec.Issued issue(Account account) {
        return codec().issue(account.id(), account.email(), account.role().wireName());
    }

    /** The checked claims of a presented token. */
    JwtCodec.Claims verify(String token) throws JwtCodec.InvalidTokenException {
        JwtCodec codec = codec();
        if (token == null || token.length() > JwtCodec.MAX_TOKEN_LENGTH) {
            return codec.verify(token);
        }
        Verified known = verified.getIfPresent(token);
        if (known != null && known.codec() == codec
                && clock.instant().isBefore(known.claims().expiresAt().plus(clockSkew))) {
            return known.claims();
        }
        JwtCodec.Claims claims = codec.verify(token);
        verified.put(token, new Verified(codec, claims));
        return claims;
    }

    private JwtCodec codec() {
        if (configured != null) {
            return configured;
        }
        JwtCodec codec = shared.get();
        if (codec != null) {
            return codec;
        }
        SigningKeys keys = signingKeys;
        if (keys == null) {
            throw ProblemException.unavailable("the token signing key is not available yet");
        }
        String jwk;
        try {
            jwk = keys.signingJwk();
        } catch (RuntimeException e) {
            LOG.warn("cannot load the token signing key: {}", e.getClass().getSimpleName());
            throw ProblemException.unavailable("the token signing key is not available yet");
        }
        codec = codec(JwtCodec.parseKey(jwk));
        JwtCodec earlier = shared.compareAndExchange(null, codec);
        if (earlier != null) {
            return earlier;
        }
        LOG.info("access tokens signed with the shared key kid={}", codec.keyId());
        return codec;
    }

    private JwtCodec codec(com.nimbusds.jose.jwk.ECKey key) {
        return new JwtCodec(key, issuer, audience, ttl, clockSkew, clock);
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
