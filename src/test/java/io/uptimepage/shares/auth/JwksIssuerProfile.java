package io.uptimepage.shares.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * A deployment whose operator JWTs come from an identity provider publishing a JWKS URL ({@link JwksIssuer}).
 * The refresh intervals are shortened so rotation and removal are observable in seconds.
 */
public class JwksIssuerProfile implements QuarkusTestProfile {

    public static final String MIN_REFRESH = "2s";
    public static final String REFRESH = "4s";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("shares.auth.jwks.min-refresh-interval", MIN_REFRESH,
                "shares.auth.jwks.refresh-interval", REFRESH);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(JwksIssuer.class));
    }
}
