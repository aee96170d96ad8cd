package io.uptimepage.shares.share;

import io.uptimepage.shares.contract.ContractExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.uptimepage.shares.auth.Es256IssuerProfile;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.matchesPattern;

/** With SHARES_PUBLIC_BASE_URL set, share urls use it (trailing slash tolerated), not the request's origin. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
@TestProfile(Es256IssuerProfile.class)
class PublicBaseUrlTest {

    @Test
    void shareUrlUsesTheConfiguredPublicOrigin() throws Exception {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8), t = newTargetId();
        target(org, t);
        String jwt = "Bearer " + Es256IssuerProfile.operatorJwt(org);
        given().header("Authorization", jwt).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/targets/{id}/shares", t).then().statusCode(201)
                .body("url", matchesPattern("https://app\\.example\\.com/m/[A-Za-z0-9_-]{43}"));
        given().header("Authorization", jwt).get("/api/v1/targets/{id}/shares", t).then().statusCode(200)
                .body("[0].url", matchesPattern("https://app\\.example\\.com/m/[A-Za-z0-9_-]{43}"));
    }
}
