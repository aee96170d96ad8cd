package io.uptimepage.shares.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.util.KeyUtils;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.equalTo;

/** An issuer that signs with ES256: configure its EC public key and the algorithm; RS256 tokens then fail. */
@QuarkusTest
@TestProfile(Es256JwtTest.Es256Issuer.class)
class Es256JwtTest {

    public static class Es256Issuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", "test-jwt/ec-public-key.pem",
                    "mp.jwt.verify.publickey.algorithm", "ES256");
        }
    }

    static String es256(String org) throws Exception {
        try (InputStream in = Es256JwtTest.class.getResourceAsStream("/test-jwt/ec-private-key.pem")) {
            PrivateKey key = KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    io.smallrye.jwt.algorithm.SignatureAlgorithm.ES256);
            return Jwts.claims(org, "targets:write").jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.ES256).sign(key);
        }
    }

    @Test
    void es256TokenIsAcceptedAndRs256IsNot() throws Exception {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8), t = newTargetId();
        target(org, t);
        given().header("Authorization", "Bearer " + es256(org)).get("/api/v1/targets/{id}/shares", t).then().statusCode(200);
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).get("/api/v1/targets/{id}/shares", t).then()
                .statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
    }
}
