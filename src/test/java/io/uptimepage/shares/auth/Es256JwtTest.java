package io.uptimepage.shares.auth;

import io.uptimepage.shares.contract.ContractExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.equalTo;

/** An issuer that signs with ES256: configure its EC public key and the algorithm; RS256 tokens then fail. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
@TestProfile(Es256IssuerProfile.class)
class Es256JwtTest {

    @Test
    void es256TokenIsAcceptedAndRs256IsNot() throws Exception {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8), t = newTargetId();
        target(org, t);
        given().header("Authorization", "Bearer " + Es256IssuerProfile.operatorJwt(org)).get("/api/v1/targets/{id}/shares", t).then().statusCode(200);
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).get("/api/v1/targets/{id}/shares", t).then()
                .statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
    }
}
