package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/** Issuing and verifying tokens, and every forgery we know of. */
class JwtCodecTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final UUID ACCOUNT = UUID.fromString("6f1c3a2e-1111-4222-8333-944455556666");

    private final ECKey key = TestKeys.ecKey("k1");
    private final MutableClock clock = new MutableClock(NOW);
    private final JwtCodec codec = codec(key, clock);

    private static JwtCodec codec(ECKey key, Clock clock) {
        return new JwtCodec(key, "berth", "berth-api", Duration.ofHours(1), Duration.ofSeconds(60), clock);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .subject(ACCOUNT.toString())
                .claim("email", "alice@example.com")
                .claim("role", "user")
                .issuer("berth")
                .audience("berth-api")
                .issueTime(Date.from(NOW))
                .notBeforeTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static JWSHeader.Builder es256(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(JOSEObjectType.JWT);
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private String signed(UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            return sign(es256("k1").build(), change.apply(claims()).build(), new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private void assertRefused(String token) {
        assertThatThrownBy(() -> codec.verify(token)).isInstanceOf(JwtCodec.InvalidTokenException.class);
    }

    @Test
    void issuesAnEs256TokenWithEveryClaim() throws Exception {
        JwtCodec.Issued issued = codec.issue(ACCOUNT, "alice@example.com", "admin");
        assertThat(issued.expiresIn()).isEqualTo(3600);
        assertThat(issued.expiresAt()).isEqualTo(NOW.plusSeconds(3600));

        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertThat(c.getSubject()).isEqualTo(ACCOUNT.toString());
        assertThat(c.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(c.getStringClaim("role")).isEqualTo("admin");
        assertThat(c.getIssuer()).isEqualTo("berth");
        assertThat(c.getAudience()).containsExactly("berth-api");
        assertThat(c.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(c.getNotBeforeTime().toInstant()).isEqualTo(NOW);
        assertThat(c.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(c.getJWTID()).isNotBlank();
        assertThat(codec.issue(ACCOUNT, "a", "user").token()).isNotEqualTo(issued.token());

        JwtCodec.Claims verified = codec.verify(issued.token());
        assertThat(verified.accountId()).isEqualTo(ACCOUNT);
        assertThat(verified.email()).isEqualTo("alice@example.com");
        assertThat(verified.role()).isEqualTo("admin");
        assertThat(verified.tokenId()).isEqualTo(c.getJWTID());
    }

    @Test
    void anotherNodeWithTheSameKeyAcceptsTheToken() throws Exception {
        JwtCodec other = codec(ECKey.parse(key.toJSONString()), clock);
        assertThat(other.verify(codec.issue(ACCOUNT, "a@b", "user").token()).accountId()).isEqualTo(ACCOUNT);
    }

    @Test
    void refusesAlgNone() {
        String payload = b64(claims().build().toString());
        assertRefused(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".");
        assertRefused(b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + "." + payload + ".");
        assertRefused(b64("{\"alg\":\"None\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + "." + payload + ".");
        // a valid token with its signature taken away
        String[] parts = codec.issue(ACCOUNT, "a@b", "user").token().split("\\.");
        assertRefused(parts[0] + "." + parts[1] + ".");
        assertRefused(parts[0] + "." + parts[1]);
    }

    @Test
    void refusesHs256SignedWithThePublicKey() throws Exception {
        ECKey publicKey = key.toPublicJWK();
        byte[] der = publicKey.toECPublicKey().getEncoded();
        assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").type(JOSEObjectType.JWT).build(),
                claims().build(), new MACSigner(der)));
        byte[] jwkText = publicKey.toJSONString().getBytes(StandardCharsets.UTF_8);
        assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").type(JOSEObjectType.JWT).build(),
                claims().build(), new MACSigner(jwkText)));
        // and by hand, in case a library ever guessed the key type from the header
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + "."
                + b64(claims().build().toString());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(der, "HmacSHA256"));
        String sig = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        assertRefused(signingInput + "." + sig);
    }

    @Test
    void refusesRs256() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(),
                claims().build(), new RSASSASigner(rsa)));
    }

    @Test
    void refusesOtherKeys() throws Exception {
        ECKey stranger = TestKeys.ecKey("k2");
        assertRefused(sign(es256("k2").build(), claims().build(), new ECDSASigner(stranger)));
        // same kid, other key
        ECKey impostor = TestKeys.ecKey("k1");
        assertRefused(sign(es256("k1").build(), claims().build(), new ECDSASigner(impostor)));
        // no kid at all, even when signed with the right key
        assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(), claims().build(),
                new ECDSASigner(key)));
        // the attacker's key embedded in the header
        assertRefused(sign(es256("k1").jwk(impostor.toPublicJWK()).build(), claims().build(),
                new ECDSASigner(impostor)));
    }

    @Test
    void refusesTamperedTokens() {
        String token = codec.issue(ACCOUNT, "alice@example.com", "user").token();
        String[] parts = token.split("\\.");
        String payload = decode(parts[1]);
        assertRefused(parts[0] + "." + b64(payload.replace("\"user\"", "\"admin\"")) + "." + parts[2]);
        assertRefused(parts[0] + "." + b64(payload.replace(ACCOUNT.toString(), UUID.randomUUID().toString())) + "."
                + parts[2]);
        // one flipped byte of the payload
        byte[] raw = Base64.getUrlDecoder().decode(parts[1]);
        raw[raw.length / 2] ^= 0x01;
        assertRefused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "." + parts[2]);
        // one flipped character of the signature
        char c = parts[2].charAt(10);
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (c == 'A' ? 'B' : 'A')
                + parts[2].substring(11));
        assertRefused(parts[0] + ".." + parts[2]);
        assertRefused("");
        assertRefused(null);
        assertRefused("a.b.c");
        assertRefused(token + "x".repeat(JwtCodec.MAX_TOKEN_LENGTH));
    }

    @Test
    void refusesExpiredTokensBeyondTheClockSkew() throws Exception {
        String token = codec.issue(ACCOUNT, "a@b", "user").token();
        clock.advance(Duration.ofSeconds(3600 + 59));
        assertThat(codec.verify(token).accountId()).as("within the skew").isEqualTo(ACCOUNT);
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> codec.verify(token))
                .isInstanceOfSatisfying(JwtCodec.InvalidTokenException.class, e -> assertThat(e.expired()).isTrue());
    }

    @Test
    void refusesTokensNotYetValid() {
        assertRefused(signed(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(600)))));
        // a token from a node whose clock runs 30 s ahead is fine
        String ahead = signed(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(30))));
        assertThatCode(() -> codec.verify(ahead)).doesNotThrowAnyException();
    }

    @Test
    void refusesWrongIssuerAudienceTypeAndMissingClaims() {
        assertRefused(signed(b -> b.issuer("someone-else")));
        assertRefused(signed(b -> b.audience("other-api")));
        assertRefused(signed(b -> b.audience((String) null)));
        assertRefused(signed(b -> b.expirationTime(null)));
        assertRefused(signed(b -> b.notBeforeTime(null)));
        assertRefused(signed(b -> b.jwtID(null)));
        assertRefused(signed(b -> b.subject("not-a-uuid")));
        assertRefused(signed(b -> b.claim("email", null)));
        try {
            assertRefused(sign(es256("k1").type(new JOSEObjectType("at+jwt")).build(), claims().build(),
                    new ECDSASigner(key)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        // the reference: the same claims, unchanged, pass
        assertThatCode(() -> codec.verify(signed(b -> b))).doesNotThrowAnyException();
    }

    @Test
    void wantsAPrivateP256KeyWithAKid() throws Exception {
        assertThatThrownBy(() -> codec(key.toPublicJWK(), clock)).isInstanceOf(IllegalArgumentException.class);
        ECKey noKid = new ECKey.Builder(key).keyID(null).build();
        assertThatThrownBy(() -> codec(noKid, clock)).isInstanceOf(IllegalArgumentException.class);
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("r").generate();
        assertThatThrownBy(() -> JwtCodec.parseKey(rsa.toJSONString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RSA");
        assertThatThrownBy(() -> JwtCodec.parseKey("{\"kty\":\"EC\",\"d\":\"secret-bits\"")).hasMessage(
                "the signing key is not a JSON Web Key");
    }
}
