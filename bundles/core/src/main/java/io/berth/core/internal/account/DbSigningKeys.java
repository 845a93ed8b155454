package io.berth.core.internal.account;

import static io.berth.core.internal.db.schema.Tables.SIGNING_KEYS;

import io.berth.api.account.SigningKeys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.time.Instant;
import java.util.UUID;

import org.jooq.DSLContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The token signing key, made at first use and shared through the database by every runtime. */
@Component(service = SigningKeys.class)
public final class DbSigningKeys implements SigningKeys {

    private static final long LOCK = 0x6a776b73L; // "jwks"

    private final DSLContext db;
    private volatile String cached;

    @Activate
    public DbSigningKeys(@Reference(target = "(berth.datasource=main)") DSLContext db) {
        this.db = db;
    }

    @Override
    public String signingJwk() {
        String jwk = cached;
        if (jwk == null) {
            jwk = db.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                tx.execute("select pg_advisory_xact_lock(" + LOCK + ")");
                String existing = tx.select(SIGNING_KEYS.JWK).from(SIGNING_KEYS)
                        .orderBy(SIGNING_KEYS.CREATED_AT.desc()).limit(1).fetchOne(SIGNING_KEYS.JWK);
                if (existing != null) {
                    return existing;
                }
                ECKey key = generate();
                tx.insertInto(SIGNING_KEYS).set(SIGNING_KEYS.KID, key.getKeyID())
                        .set(SIGNING_KEYS.JWK, key.toJSONString()).set(SIGNING_KEYS.CREATED_AT, Instant.now()).execute();
                return key.toJSONString();
            });
            cached = jwk;
        }
        return jwk;
    }

    static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }
}
