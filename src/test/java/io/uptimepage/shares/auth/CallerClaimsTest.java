package io.uptimepage.shares.auth;

import io.uptimepage.shares.contract.ContractExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.core;
import static io.uptimepage.shares.support.CoreStubs.fixture;
import static io.uptimepage.shares.support.CoreStubs.json;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DESIGN §2/§5: the claims that reach SQL and the core's {@code X-Uptimepage-Org} header are checked for shape
 * first. A correctly signed token whose {@code org} is not a core slug, or whose {@code sub} or {@code plan} is not
 * an identifier, is 401 on mint, list and revoke, and the core is never asked anything on its behalf.
 */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class CallerClaimsTest {

    private static JwtClaimsBuilder base() {
        return Jwt.issuer(Jwts.ISSUER).audience(Jwts.AUDIENCE).claim("scope", "targets:write")
                .issuedAt(Instant.now()).expiresIn(300);
    }

    /** Each malformed token, named for the failure message: every one is validly signed and unexpired. */
    private static Map<String, String> malformed() {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Consumer<JwtClaimsBuilder>> cases = new LinkedHashMap<>();
        for (String bad : List.of("ab", "a".repeat(31), "1acme", "-acme", "ac--me", "Acme", "ACME", "acme corp",
                "acme\r\nX-Injected: 1", "acme\u0000", "acme%2F", "acme_corp", "acme.corp", "\u0430cme", "acme/../x",
                "\"" + org + "\"", " " + org, org + " ", "")) {
            cases.put("org " + bad.replace("\r\n", "\\r\\n"), b -> b.subject("user-1").claim("org", bad));
        }
        cases.put("org missing", b -> b.subject("user-1"));
        cases.put("org number", b -> b.subject("user-1").claim("org", 42));
        cases.put("org array", b -> b.subject("user-1").claim("org", List.of(org)));
        cases.put("org object", b -> b.subject("user-1").claim("org", Map.of("slug", org)));
        cases.put("org boolean", b -> b.subject("user-1").claim("org", true));
        for (String bad : List.of("", "a b", "user\n2", "user\u0000", "x".repeat(129), "us\u202eer", "user\"1",
                "user<script>")) {
            cases.put("sub " + bad, b -> b.subject(bad).claim("org", org));
        }
        cases.put("sub missing", b -> b.claim("org", org));
        for (String bad : List.of("", "team plan", "TEAM", "team\u0000", "p".repeat(65), "team'; drop table plans;--")) {
            cases.put("plan " + bad, b -> b.subject("user-1").claim("org", org).claim("plan", bad));
        }
        cases.put("plan number", b -> b.subject("user-1").claim("org", org).claim("plan", 3));
        cases.put("plan array", b -> b.subject("user-1").claim("org", org).claim("plan", List.of("team")));
        Map<String, String> tokens = new LinkedHashMap<>();
        cases.forEach((name, shape) -> {
            JwtClaimsBuilder b = base();
            shape.accept(b);
            tokens.put(name, b.sign());
        });
        return tokens;
    }

    @Test
    void signedTokenWithMalformedOrgSubOrPlanIs401OnEveryCallAndNeverReachesTheCore() {
        List<String> failures = new ArrayList<>();
        malformed().forEach((name, jwt) -> {
            String t = newTargetId();
            // Whatever org the token claims, the core would know this target: only the shape check can stop the call.
            core().stubFor(get(urlPathMatching("/api/v1/targets/" + t))
                    .willReturn(json(200, fixture("target-http.json").replace("{{ID}}", t))));
            int mint = given().header("Authorization", "Bearer " + jwt).contentType("application/json").body("{}")
                    .post("/api/v1/targets/{id}/shares", t).statusCode();
            int list = given().header("Authorization", "Bearer " + jwt).get("/api/v1/targets/{id}/shares", t).statusCode();
            int revoke = given().header("Authorization", "Bearer " + jwt)
                    .delete("/api/v1/targets/{id}/shares/{s}", t, UUID.randomUUID()).statusCode();
            int coreCalls = core().findAll(getRequestedFor(urlPathMatching("/api/v1/targets/" + t + ".*"))).size();
            if (mint != 401 || list != 401 || revoke != 401 || coreCalls != 0) {
                failures.add(name + ": mint " + mint + ", list " + list + ", revoke " + revoke + ", core calls " + coreCalls);
            }
        });
        assertEquals(List.of(), failures);
    }

    @Test
    void wellFormedClaimsStillWork() {
        for (String org : List.of("abc", "acme", "a-b-c", "a23456789012345678901234567890", "org-" + UUID.randomUUID()
                .toString().substring(0, 8))) {
            String t = newTargetId();
            target(org, t);
            for (String sub : List.of("user-" + org, UUID.randomUUID().toString(), "auth0|5f7c8e", "ops@example.com")) {
                JwtClaimsBuilder b = base().subject(sub).claim("org", org).claim("plan", "platinum-unknown_2");
                given().header("Authorization", "Bearer " + b.sign()).get("/api/v1/targets/{id}/shares", t)
                        .then().statusCode(200);
            }
        }
    }
}
