package io.berth.rest.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.lang.annotation.Annotation;

/** Keys and configurations for tests. */
final class TestKeys {

    private TestKeys() {
    }

    static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Tokens.Config config(String issuer, String audience, int ttl, int skew, String jwk) {
        return new Tokens.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Tokens.Config.class;
            }

            @Override
            public String issuer() {
                return issuer;
            }

            @Override
            public String audience() {
                return audience;
            }

            @Override
            public int ttl__seconds() {
                return ttl;
            }

            @Override
            public int clock__skew__seconds() {
                return skew;
            }

            @Override
            public String _private__jwk() {
                return jwk;
            }
        };
    }

    static Tokens.Config defaults() {
        return config("berth", "berth-api", 3600, 60, "");
    }
}
