package io.uptimepage.shares.replica;

import io.uptimepage.shares.support.Jwts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The operator API of DESIGN §2 as a client sees it, with real JWTs signed by the test key (the replicas trust its
 * public half through {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}).
 */
final class Operator {

    private static final PrivateKey KEY = privateKey();

    final String org;
    final String jwt;

    Operator(String org, String plan) {
        this.org = org;
        // Plain JUnit: no Quarkus config to find the signing key, so sign with it explicitly; long enough for the suite.
        this.jwt = Jwts.claims(org, "targets:write").expiresIn(3600).claim("plan", plan).sign(KEY);
    }

    Http.Res mint(String base, String targetId) {
        return Http.postJson(base + "/api/v1/targets/" + targetId + "/shares", jwt, "{}");
    }

    Http.Res list(String base, String targetId) {
        return Http.get(base + "/api/v1/targets/" + targetId + "/shares", jwt);
    }

    /** {@code GET /api/v1/shares?limit=200}: the org's links of every state, newest first (one page). */
    Http.Res listOrg(String base) {
        return Http.get(base + "/api/v1/shares?limit=200", jwt);
    }

    Http.Res revoke(String base, String targetId, String shareId) {
        return Http.delete(base + "/api/v1/targets/" + targetId + "/shares/" + shareId, jwt);
    }

    /** {@code PATCH …/shares/{shareId}} with {@code {"paused": paused}}: 200 with the share. */
    Http.Res setPaused(String base, String targetId, String shareId, boolean paused) {
        return Http.patchJson(base + "/api/v1/targets/" + targetId + "/shares/" + shareId, jwt, "{\"paused\":" + paused + "}");
    }

    private static PrivateKey privateKey() {
        try (InputStream in = Operator.class.getResourceAsStream("/test-jwt/private-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
