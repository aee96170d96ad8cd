package io.uptimepage.shares.share;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.uptimepage.shares.contract.ContractExtension;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.share.ShareApiTest.org;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * DESIGN §2 trust: with no trusted proxy configured ({@code SHARES_TRUSTED_PROXIES} unset), forwarded headers from
 * any client are ignored, so the share {@code url} comes from the Host the caller connected with.
 */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class ForwardedHeadersTest {

    @Test
    void forwardedHostAndProtoFromAnUntrustedClientDoNotShapeTheShareUrl() {
        String org = org(), t = newTargetId();
        target(org, t);
        String jwt = Jwts.bearer(Jwts.operator(org, "team"));
        given().header("Authorization", jwt).header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "203.0.113.9").header("X-Forwarded-Port", "443")
                .contentType(ContentType.JSON).body("{}").post("/api/v1/targets/{id}/shares", t)
                .then().statusCode(201).body("url", matchesPattern("http://localhost:\\d+/m/[A-Za-z0-9_-]{43}"));
        given().header("Authorization", jwt).header("Forwarded", "for=203.0.113.9;host=evil.example;proto=https")
                .contentType(ContentType.JSON).body("{}").post("/api/v1/targets/{id}/shares", t)
                .then().statusCode(201).body("url", matchesPattern("http://localhost:\\d+/m/[A-Za-z0-9_-]{43}"));
        given().header("Authorization", jwt).header("X-Forwarded-Host", "evil.example")
                .get("/api/v1/targets/{id}/shares", t)
                .then().statusCode(200).body("url", everyItem(
                        matchesPattern("http://localhost:\\d+/m/[A-Za-z0-9_-]{43}")));
    }
}
