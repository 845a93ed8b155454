package io.berth.rest.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * Signs and verifies access tokens with one EC P-256 key: ES256 only, the key's {@code kid} in
 * the header, issuer, audience, expiry and not-before checked with a small clock skew. Built
 * from nimbus' processor, key selector and claims verifier; nothing is parsed by hand.
 */
final class JwtCodec {

    /** Longer than any token this codec issues; longer input is refused before parsing. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "email", "role", "iat", "nbf", "exp", "iss",
            "aud", "jti");

    private final String keyId;
    private final ECDSASigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    /** A token's claims that were checked. */
    record Claims(UUID accountId, String email, String role, String tokenId, Instant expiresAt) {
    }

    /** A token just issued. */
    record Issued(String token, Instant expiresAt, long expiresIn) {
    }

    /** Why a token was refused; {@link #expired()} when it was only too old. */
    static final class InvalidTokenException extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean expired;

        InvalidTokenException(String message, boolean expired) {
            super(message, null, false, false);
            this.expired = expired;
        }

        boolean expired() {
            return expired;
        }
    }

    JwtCodec(ECKey key, String issuer, String audience, Duration ttl, Duration clockSkew, Clock clock) {
        if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
            throw new IllegalArgumentException("the signing key must be a private EC P-256 key");
        }
        if (key.getKeyID() == null || key.getKeyID().isBlank()) {
            throw new IllegalArgumentException("the signing key has no kid");
        }
        this.keyId = key.getKeyID();
        try {
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
        }
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.clock = clock;

        JWK publicKey = key.toPublicJWK();
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(publicKey))));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) clockSkew.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Parses a JWK: it must be a private EC P-256 key with a kid. */
    static ECKey parseKey(String json) {
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        } catch (ParseException e) {
            // the message may quote the key: never pass it on
            throw new IllegalArgumentException("the signing key is not a JSON Web Key");
        }
        if (!(jwk instanceof ECKey ec)) {
            throw new IllegalArgumentException("the signing key is a " + jwk.getKeyType() + " key, not EC P-256");
        }
        return ec;
    }

    String keyId() {
        return keyId;
    }

    Issued issue(UUID accountId, String email, String role) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(accountId.toString())
                .claim("email", email)
                .claim("role", role)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token: " + e.getMessage(), e);
        }
        return new Issued(jwt.serialize(), expires, ttl.toSeconds());
    }

    Claims verify(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("malformed token", false);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed token", false);
        }
        // nimbus refuses unsigned (alg none) and encrypted tokens, every algorithm but ES256 and
        // every key but ours; a signed token must also name our key, where nimbus would try any
        if (jwt instanceof SignedJWT signed && !keyId.equals(signed.getHeader().getKeyID())) {
            throw new InvalidTokenException("unknown signing key", false);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (ExpiredJWTException e) {
            throw new InvalidTokenException("token expired", true);
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage(), false);
        }
        try {
            UUID accountId = UUID.fromString(claims.getSubject());
            return new Claims(accountId, claims.getStringClaim("email"), claims.getStringClaim("role"),
                    claims.getJWTID(), claims.getExpirationTime().toInstant());
        } catch (IllegalArgumentException | ParseException e) {
            throw new InvalidTokenException("malformed claims", false);
        }
    }
}
