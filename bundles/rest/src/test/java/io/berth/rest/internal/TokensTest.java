package io.berth.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.api.account.Account;
import io.berth.api.account.Quotas;
import io.berth.api.account.Role;
import io.berth.api.account.SigningKeys;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Where the signing key comes from, and the configuration. */
class TokensTest {

    private static final Account ALICE = new Account(UUID.randomUUID(), "alice@example.com", null, Role.ADMIN, false,
            Quotas.DEFAULT, false, Instant.EPOCH);

    private final ECKey key = TestKeys.ecKey("db-key");

    @Test
    void nodesSharingTheDatabaseKeyAcceptEachOthersTokens() throws Exception {
        Tokens node1 = new Tokens(TestKeys.defaults());
        Tokens node2 = new Tokens(TestKeys.defaults());
        node1.setSigningKeys(key::toJSONString);
        node2.setSigningKeys(key::toJSONString);
        String token = node1.issue(ALICE).token();
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("db-key");
        assertThat(node2.verify(token).accountId()).isEqualTo(ALICE.id());
        assertThat(node2.verify(token).role()).isEqualTo("admin");
    }

    @Test
    void theKeyIsLoadedOnceAndLazily() {
        AtomicInteger loads = new AtomicInteger();
        Tokens tokens = new Tokens(TestKeys.defaults());
        assertThat(loads).hasValue(0);
        tokens.setSigningKeys(() -> {
            loads.incrementAndGet();
            return key.toJSONString();
        });
        tokens.issue(ALICE);
        tokens.issue(ALICE);
        assertThat(loads).hasValue(1);
    }

    @Test
    void withoutAKeyTheAnswerIs503AndItRecoversWhenTheKeyComes() throws Exception {
        Tokens tokens = new Tokens(TestKeys.defaults());
        assertThatThrownBy(() -> tokens.issue(ALICE)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).isEqualTo(503));
        boolean[] up = {false};
        SigningKeys flaky = () -> {
            if (!up[0]) {
                throw new IllegalStateException("database down");
            }
            return key.toJSONString();
        };
        tokens.setSigningKeys(flaky);
        assertThatThrownBy(() -> tokens.issue(ALICE)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).isEqualTo(503));
        up[0] = true;
        assertThat(tokens.verify(tokens.issue(ALICE).token()).accountId()).isEqualTo(ALICE.id());
        tokens.unsetSigningKeys(flaky);
        assertThatThrownBy(() -> tokens.issue(ALICE)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aConfiguredKeyWinsOverTheDatabaseKey() throws Exception {
        ECKey configured = TestKeys.ecKey("configured");
        Tokens tokens = new Tokens(TestKeys.config("issuer-x", "aud-y", 600, 60, configured.toJSONString()));
        tokens.setSigningKeys(key::toJSONString);
        SignedJWT jwt = SignedJWT.parse(tokens.issue(ALICE).token());
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("configured");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("issuer-x");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("aud-y");
        assertThat(tokens.issue(ALICE).expiresIn()).isEqualTo(600);

        Tokens databaseKeyed = new Tokens(TestKeys.config("issuer-x", "aud-y", 600, 60, ""));
        databaseKeyed.setSigningKeys(key::toJSONString);
        assertThatThrownBy(() -> databaseKeyed.verify(jwt.serialize()))
                .isInstanceOf(JwtCodec.InvalidTokenException.class);
    }

    @Test
    void aTokenOfAnotherIssuerOrAudienceConfigurationIsRefused() {
        Tokens a = new Tokens(TestKeys.config("berth", "berth-api", 3600, 60, key.toJSONString()));
        Tokens b = new Tokens(TestKeys.config("berth-staging", "berth-api", 3600, 60, key.toJSONString()));
        Tokens c = new Tokens(TestKeys.config("berth", "other-api", 3600, 60, key.toJSONString()));
        String token = a.issue(ALICE).token();
        assertThatThrownBy(() -> b.verify(token)).isInstanceOf(JwtCodec.InvalidTokenException.class);
        assertThatThrownBy(() -> c.verify(token)).isInstanceOf(JwtCodec.InvalidTokenException.class);
    }

    @Test
    void anUnusableConfigurationFailsActivationWithoutQuotingTheKey() {
        String publicOnly = key.toPublicJWK().toJSONString();
        assertThatThrownBy(() -> new Tokens(TestKeys.config("berth", "berth-api", 3600, 60, publicOnly)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".private_jwk");
        String broken = key.toJSONString().substring(0, 40);
        assertThatThrownBy(() -> new Tokens(TestKeys.config("berth", "berth-api", 3600, 60, broken)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(key.getD().toString());
        assertThatThrownBy(() -> new Tokens(TestKeys.config("berth", "berth-api", 10, 60, "")))
                .hasMessageContaining("ttl_seconds");
        assertThatThrownBy(() -> new Tokens(TestKeys.config("berth", "berth-api", 3600, 3600, "")))
                .hasMessageContaining("clock_skew_seconds");
    }

    @Test
    void blankIssuerAndAudienceFallBackToTheDefaults() throws Exception {
        Tokens tokens = new Tokens(TestKeys.config(" ", "", 3600, 60, key.toJSONString()));
        SignedJWT jwt = SignedJWT.parse(tokens.issue(ALICE).token());
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("berth");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("berth-api");
    }

    @Test
    void aRememberedTokenStillExpires() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        Tokens tokens = new Tokens(TestKeys.config("berth", "berth-api", 600, 30, key.toJSONString()), clock);
        String token = tokens.issue(ALICE).token();
        assertThat(tokens.verify(token).accountId()).isEqualTo(ALICE.id());
        clock.advance(Duration.ofSeconds(600 + 20));
        assertThat(tokens.verify(token).accountId()).as("within the clock skew").isEqualTo(ALICE.id());
        clock.advance(Duration.ofSeconds(11));
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOfSatisfying(JwtCodec.InvalidTokenException.class,
                e -> assertThat(e.expired()).isTrue());
    }

    @Test
    void aRememberedTokenIsRefusedOnceTheSharedKeyChanges() throws Exception {
        Tokens tokens = new Tokens(TestKeys.defaults());
        tokens.setSigningKeys(key::toJSONString);
        String token = tokens.issue(ALICE).token();
        assertThat(tokens.verify(token).accountId()).isEqualTo(ALICE.id());
        ECKey rotated = TestKeys.ecKey("rotated");
        tokens.setSigningKeys(rotated::toJSONString);
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(JwtCodec.InvalidTokenException.class);
        assertThat(tokens.verify(tokens.issue(ALICE).token()).accountId()).isEqualTo(ALICE.id());
    }

    @Test
    void onlyTheExactTokenThatWasVerifiedIsRemembered() throws Exception {
        Tokens tokens = new Tokens(TestKeys.config("berth", "berth-api", 600, 30, key.toJSONString()));
        String token = tokens.issue(ALICE).token();
        tokens.verify(token);
        String[] parts = token.split("\\.");
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"" + UUID.randomUUID() + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + otherPayload + "." + parts[2]))
                .isInstanceOf(JwtCodec.InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify(token + "x")).isInstanceOf(JwtCodec.InvalidTokenException.class);
    }
}
