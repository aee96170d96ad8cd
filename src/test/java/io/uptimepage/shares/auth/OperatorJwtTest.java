package io.uptimepage.shares.auth;

import io.uptimepage.shares.contract.ContractExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** DESIGN §5: who may call the operator API. Every token here is really signed (or deliberately not). */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class OperatorJwtTest {

    final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
    final String targetId = newTargetId();

    ValidatableResponse listWith(String authorization) {
        target(org, targetId);
        var req = given();
        if (authorization != null) {
            req = req.header("Authorization", authorization);
        }
        return req.when().get("/api/v1/targets/{id}/shares", targetId).then();
    }

    static void assert401(ValidatableResponse r) {
        r.statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("error.code", equalTo("UNAUTHORIZED")).body("error.field", nullValue());
    }

    @Test
    void validTokenWithTargetsWriteIs200() {
        listWith(Jwts.bearer(Jwts.operator(org))).statusCode(200);
    }

    @Test
    void fullAccessScopeIsEnough() {
        listWith(Jwts.bearer(Jwts.claims(org, "targets:read full_access").sign())).statusCode(200);
    }

    @Test
    void missingTokenIs401() {
        assert401(listWith(null));
    }

    @Test
    void garbageTokenIs401() {
        assert401(listWith("Bearer not.a.jwt"));
    }

    @Test
    void expiredTokenIs401() {
        Instant past = Instant.now().minusSeconds(3600);
        assert401(listWith(Jwts.bearer(Jwts.claims(org, "targets:write").issuedAt(past.minusSeconds(600)).expiresAt(past).sign())));
    }

    /** {@code mp.jwt.verify.clock.skew} is 30 s (smallrye-jwt's default would be 60 s). */
    @Test
    void expiryWithinTheClockSkewIsAcceptedAndBeyondItIs401() {
        Instant now = Instant.now();
        listWith(Jwts.bearer(Jwts.claims(org, "targets:write").issuedAt(now.minusSeconds(300)).expiresAt(now.minusSeconds(10)).sign()))
                .statusCode(200);
        assert401(listWith(Jwts.bearer(Jwts.claims(org, "targets:write").issuedAt(now.minusSeconds(300))
                .expiresAt(now.minusSeconds(50)).sign())));
    }

    @Test
    void notBeforeWithinTheClockSkewIsAcceptedAndBeyondItIs401() {
        long now = Instant.now().getEpochSecond();
        listWith(Jwts.bearer(Jwts.claims(org, "targets:write").claim("nbf", now + 10).sign())).statusCode(200);
        assert401(listWith(Jwts.bearer(Jwts.claims(org, "targets:write").claim("nbf", now + 120).sign())));
    }

    @Test
    void issuedAtInTheFutureBeyondTheClockSkewIs401() {
        Instant now = Instant.now();
        listWith(Jwts.bearer(Jwts.claims(org, "targets:write").issuedAt(now.plusSeconds(10)).expiresAt(now.plusSeconds(300)).sign()))
                .statusCode(200);
        assert401(listWith(Jwts.bearer(Jwts.claims(org, "targets:write").issuedAt(now.plusSeconds(120))
                .expiresAt(now.plusSeconds(600)).sign())));
    }

    @Test
    void tamperedSignatureIs401() {
        assert401(listWith(Jwts.bearer(Jwts.tampered(Jwts.operator(org)))));
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        String foreign = Jwt.issuer(Jwts.ISSUER).audience(Jwts.AUDIENCE).subject("x").claim("org", org)
                .claim("scope", "targets:write").expiresIn(300).jws().sign(gen.generateKeyPair().getPrivate());
        assert401(listWith(Jwts.bearer(foreign)));
    }

    @Test
    void wrongIssuerIs401() {
        assert401(listWith(Jwts.bearer(Jwt.issuer("https://evil.example").audience(Jwts.AUDIENCE).subject("x")
                .claim("org", org).claim("scope", "targets:write").expiresIn(300).sign())));
    }

    @Test
    void wrongAudienceIs401() {
        assert401(listWith(Jwts.bearer(Jwt.issuer(Jwts.ISSUER).audience("some-other-service").subject("x")
                .claim("org", org).claim("scope", "targets:write").expiresIn(300).sign())));
    }

    @Test
    void algNoneIs401() {
        assert401(listWith(Jwts.bearer(Jwts.algNone(org))));
    }

    @Test
    void tokenWithoutOrgClaimIs401() {
        assert401(listWith(Jwts.bearer(Jwt.issuer(Jwts.ISSUER).audience(Jwts.AUDIENCE).subject("x")
                .claim("scope", "targets:write").expiresIn(300).sign())));
    }

    @Test
    void readOnlyScopeIs403InsufficientScope() {
        listWith(Jwts.bearer(Jwts.claims(org, "targets:read").sign())).statusCode(403)
                .body("error.code", equalTo("INSUFFICIENT_SCOPE"));
    }

    @Test
    void noScopeIs403OnEveryCall() {
        String jwt = Jwts.bearer(Jwts.claims(org, null).sign());
        listWith(jwt).statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        given().header("Authorization", jwt).contentType("application/json").body("{}")
                .post("/api/v1/targets/{id}/shares", targetId).then().statusCode(403)
                .body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        given().header("Authorization", jwt).delete("/api/v1/targets/{id}/shares/{s}", targetId, UUID.randomUUID())
                .then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
    }

    @Test
    void invalidAuthorizationOnAnUnsecuredHealthEndpointIsIgnored() {
        given().header("Authorization", "Bearer garbage").get("/q/health/live").then().statusCode(200);
    }
}
