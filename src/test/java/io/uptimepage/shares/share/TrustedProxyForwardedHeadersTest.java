package io.uptimepage.shares.share;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.uptimepage.shares.contract.ContractExtension;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.share.ShareApiTest.org;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.matchesPattern;

/** With the proxy's address in {@code SHARES_TRUSTED_PROXIES}, its X-Forwarded-Host/Proto shape the share url. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
@TestProfile(TrustedProxyForwardedHeadersTest.LoopbackIsTheProxy.class)
class TrustedProxyForwardedHeadersTest {

    /** The test client connects from 127.0.0.1, so it plays the ingress controller. */
    public static class LoopbackIsTheProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shares.trusted-proxies", "10.0.0.0/8,127.0.0.1");
        }
    }

    @Test
    void forwardedHostAndProtoFromATrustedProxyShapeTheShareUrl() {
        String org = org(), t = newTargetId();
        target(org, t);
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).header("X-Forwarded-Host", "status.example.com")
                .header("X-Forwarded-Proto", "https").contentType(ContentType.JSON).body("{}")
                .post("/api/v1/targets/{id}/shares", t)
                .then().statusCode(201).body("url", matchesPattern("https://status\\.example\\.com/m/[A-Za-z0-9_-]{43}"));
    }
}
