package io.uptimepage.shares.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.uptimepage.shares.support.Jwts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Map;

/**
 * A deployment shaped differently from the default test one: its operator JWTs are ES256 (EC public key configured
 * with its algorithm) and its share urls use a fixed public origin ({@code SHARES_PUBLIC_BASE_URL}). Tests sharing
 * this profile share one application boot.
 */
public class Es256IssuerProfile implements QuarkusTestProfile {

    public static final String PUBLIC_BASE_URL = "https://app.example.com";

    /** An operator token of {@code org} signed with the issuer's EC private key (test-only key). */
    public static String operatorJwt(String org) {
        try (InputStream in = Es256IssuerProfile.class.getResourceAsStream("/test-jwt/ec-private-key.pem")) {
            PrivateKey key = KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    SignatureAlgorithm.ES256);
            return Jwts.claims(org, "targets:write").jws().algorithm(SignatureAlgorithm.ES256).sign(key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.jwt.verify.publickey.location", "test-jwt/ec-public-key.pem",
                "mp.jwt.verify.publickey.algorithm", "ES256",
                "shares.public-base-url", PUBLIC_BASE_URL + "/");
    }
}
