package io.uptimepage.shares.plan;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.uptimepage.shares.contract.ContractExtension;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.plan.ShareCapsTest.mint;
import static io.uptimepage.shares.plan.ShareCapsTest.org;
import static io.uptimepage.shares.plan.ShareCapsTest.sharedTarget;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET/PUT/DELETE /internal/v1/orgs/{org}/limits} (DESIGN §7): the admin tooling's per-org overrides behind the
 * internal bearer; strict bodies; the effective limits and their sources; a changed cap holds from the next mint.
 */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class OrgLimitsApiTest {

    static final String INTERNAL = "Bearer test-internal-token";
    static final String PATH = "/internal/v1/orgs/{org}/limits";

    static RequestSpecification internal() {
        return given().header("Authorization", INTERNAL);
    }

    static ValidatableResponse put(String org, String body) {
        return internal().contentType(ContentType.JSON).body(body).when().put(PATH, org).then();
    }

    static ValidatableResponse get(String org) {
        return internal().when().get(PATH, org).then();
    }

    static void assertEnvelope(ValidatableResponse r, int status, String code, String field) {
        r.statusCode(status).contentType(ContentType.JSON)
                .body("error.code", equalTo(code))
                .body("error.message", not(emptyOrNullString()))
                .body("error.field", field == null ? nullValue() : equalTo(field));
    }

    static void assertUntouched(String org) {
        get(org).statusCode(200).body("max_share_links_per_monitor", equalTo(3))
                .body("sources.max_share_links_per_monitor", equalTo("override")).body("override_reason", equalTo("kept"));
    }

    @Test
    void withoutOverrideTheLimitsAreThePlansAndSayTheyComeFromThePlan() {
        String org = org();
        get(org).statusCode(200).contentType(ContentType.JSON)
                .body("org", equalTo(org)).body("plan", equalTo("free"))
                .body("max_share_links_per_monitor", equalTo(1)).body("max_shared_monitors", equalTo(2))
                .body("default_share_ttl", nullValue()).body("max_share_ttl", nullValue())
                .body("sources", equalTo(Map.of("max_share_links_per_monitor", "plan", "max_shared_monitors", "plan",
                        "default_share_ttl", "plan", "max_share_ttl", "plan")))
                .body("override_expires_at", nullValue()).body("override_reason", nullValue());
        internal().queryParam("plan", "team").when().get(PATH, org).then().statusCode(200)
                .body("plan", equalTo("team")).body("max_share_links_per_monitor", equalTo(5))
                .body("max_shared_monitors", equalTo(10));
        internal().queryParam("plan", "platinum").when().get(PATH, org).then().statusCode(200)
                .body("plan", equalTo("free")); // unknown plans are free, as for a JWT's plan claim
    }

    @Test
    void putSetsTheOverrideWholeGetShowsItAndDeleteGoesBackToThePlan() {
        String org = org();
        String until = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        put(org, "{\"max_share_links_per_monitor\":3,\"max_share_ttl\":86400,\"default_share_ttl\":3600,"
                + "\"expires_at\":\"" + until + "\",\"reason\":\"  ticket 4711  \"}")
                .statusCode(200).body("max_share_links_per_monitor", equalTo(3)).body("max_shared_monitors", equalTo(2))
                .body("default_share_ttl", equalTo(3600)).body("max_share_ttl", equalTo(86400))
                .body("sources.max_share_links_per_monitor", equalTo("override"))
                .body("sources.max_shared_monitors", equalTo("plan"))
                .body("override_expires_at", equalTo(until)).body("override_reason", equalTo("ticket 4711"));
        get(org).statusCode(200).body("max_share_links_per_monitor", equalTo(3)).body("override_reason", equalTo("ticket 4711"));
        // replaced as a whole: what the new body leaves out is the plan's again
        put(org, "{\"max_shared_monitors\":7}").statusCode(200)
                .body("max_share_links_per_monitor", equalTo(1)).body("max_shared_monitors", equalTo(7))
                .body("max_share_ttl", nullValue()).body("override_expires_at", nullValue())
                .body("sources.max_share_links_per_monitor", equalTo("plan"));
        assertEquals(1, Db.query("select org from plan_overrides where org = ?", org).size());
        internal().when().delete(PATH, org).then().statusCode(200).body("max_shared_monitors", equalTo(2))
                .body("sources.max_shared_monitors", equalTo("plan"));
        assertEquals(0, Db.query("select org from plan_overrides where org = ?", org).size());
        internal().when().delete(PATH, org).then().statusCode(200).body("max_shared_monitors", equalTo(2)); // idempotent
    }

    @Test
    void badBodiesAreRefusedNamingTheFieldAndStoreNothing() {
        String org = org();
        put(org, "{\"max_share_links_per_monitor\":3,\"reason\":\"kept\"}").statusCode(200);
        List<String[]> bad = List.of(
                new String[] { "{\"max_links\":3}", "422", "INVALID_JSON", "max_links" },
                new String[] { "{\"max_share_links_per_monitor\":3,\"plan\":\"team\"}", "422", "INVALID_JSON", "plan" },
                new String[] { "{\"max_share_links_per_monitor\":\"3\"}", "400", "INVALID_LIMITS", "max_share_links_per_monitor" },
                new String[] { "{\"max_share_links_per_monitor\":3.5}", "400", "INVALID_LIMITS", "max_share_links_per_monitor" },
                new String[] { "{\"max_share_links_per_monitor\":3.0}", "400", "INVALID_LIMITS", "max_share_links_per_monitor" },
                new String[] { "{\"max_share_links_per_monitor\":1e2}", "400", "INVALID_LIMITS", "max_share_links_per_monitor" },
                new String[] { "{\"max_share_links_per_monitor\":true}", "400", "INVALID_LIMITS", "max_share_links_per_monitor" },
                new String[] { "{\"max_share_links_per_monitor\":[3]}", "400", "INVALID_LIMITS", "max_share_links_per_monitor" },
                new String[] { "{\"max_share_links_per_monitor\":{}}", "400", "INVALID_LIMITS", "max_share_links_per_monitor" },
                new String[] { "{\"max_share_links_per_monitor\":-1}", "400", "INVALID_LIMITS", "max_share_links_per_monitor" },
                new String[] { "{\"max_share_links_per_monitor\":100001}", "400", "INVALID_LIMITS", "max_share_links_per_monitor" },
                new String[] { "{\"max_shared_monitors\":2147483648}", "400", "INVALID_LIMITS", "max_shared_monitors" },
                // 2^64 + 3: a long would wrap it to 3
                new String[] { "{\"max_shared_monitors\":18446744073709551619}", "400", "INVALID_LIMITS", "max_shared_monitors" },
                new String[] { "{\"max_shared_monitors\":-18446744073709551613}", "400", "INVALID_LIMITS", "max_shared_monitors" },
                new String[] { "{\"default_share_ttl\":0}", "400", "INVALID_LIMITS", "default_share_ttl" },
                new String[] { "{\"default_share_ttl\":-60}", "400", "INVALID_LIMITS", "default_share_ttl" },
                new String[] { "{\"default_share_ttl\":\"1h\"}", "400", "INVALID_LIMITS", "default_share_ttl" },
                new String[] { "{\"max_share_ttl\":9223372036854775807}", "400", "INVALID_LIMITS", "max_share_ttl" },
                new String[] { "{\"max_share_ttl\":18446744073709551617}", "400", "INVALID_LIMITS", "max_share_ttl" },
                new String[] { "{\"max_share_ttl\":3600.5}", "400", "INVALID_LIMITS", "max_share_ttl" },
                new String[] { "{\"default_share_ttl\":7200,\"max_share_ttl\":3600}", "400", "INVALID_LIMITS", "default_share_ttl" },
                new String[] { "{\"expires_at\":\"2020-01-01T00:00:00Z\"}", "400", "INVALID_EXPIRY", "expires_at" },
                new String[] { "{\"expires_at\":\"next week\"}", "400", "INVALID_EXPIRY", "expires_at" },
                new String[] { "{\"expires_at\":1893456000}", "400", "INVALID_EXPIRY", "expires_at" },
                new String[] { "{\"expires_at\":\"+300000-01-01T00:00:00Z\"}", "400", "INVALID_EXPIRY", "expires_at" },
                new String[] { "{\"reason\":42}", "400", "INVALID_LIMITS", "reason" },
                new String[] { "{\"reason\":\"" + "r".repeat(201) + "\"}", "400", "INVALID_LIMITS", "reason" },
                new String[] { "{\"reason\":\"line\\nbreak\"}", "400", "INVALID_LIMITS", "reason" },
                new String[] { "{\"max_share_links_per_monitor\":", "400", "INVALID_JSON", null });
        // Not here: a body that is JSON but not an object ([1,2], 42, "x") gets Quarkus's bare 400 without the
        // envelope on every JSON route (its built-in MismatchedInputException mapper; error/ErrorMapper's job).
        for (String[] b : bad) {
            ValidatableResponse r = put(org, b[0]);
            try {
                assertEnvelope(r, Integer.parseInt(b[1]), b[2], b[3]);
            } catch (AssertionError e) {
                throw new AssertionError("body " + b[0] + ": " + e.getMessage(), e);
            }
            assertUntouched(org);
        }
        internal().contentType(ContentType.TEXT).body("max=3").when().put(PATH, org).then().statusCode(415)
                .body("error.code", equalTo("INVALID_CONTENT_TYPE"));
        assertUntouched(org);
    }

    @Test
    void malformedOrgOrPlanIs400InvalidQuery() {
        for (String org : List.of("-leading", "a%20b", "x".repeat(101), "org%3Bdrop", "%C3%A9t%C3%A9", "org%00")) {
            assertEnvelope(internal().urlEncodingEnabled(false).when().get(PATH.replace("{org}", org)).then(),
                    400, "INVALID_QUERY", "org");
        }
        assertEnvelope(internal().queryParam("plan", "Team!").when().get(PATH, org()).then(), 400, "INVALID_QUERY", "plan");
        assertEnvelope(internal().queryParam("plan", "Team!").contentType(ContentType.JSON).body("{}")
                .when().put(PATH, org()).then(), 400, "INVALID_QUERY", "plan");
    }

    @Test
    void aMissingOrWrongBearerIs401OnEveryVerbAndChangesNothing() {
        String org = org();
        put(org, "{\"max_share_links_per_monitor\":3,\"reason\":\"kept\"}").statusCode(200);
        List<String> wrong = List.of("", "Bearer", "Bearer ", "bearer test-internal-token",
                "Basic dGVzdDp0ZXN0", "Bearer test-internal-tokeN", "Bearer test-internal-token-and-more",
                "test-internal-token", Jwts.bearer(Jwts.operator(org, "team")));
        for (String authorization : wrong) {
            for (String verb : List.of("GET", "PUT", "DELETE")) {
                RequestSpecification req = authorization.isEmpty() ? given() : given().header("Authorization", authorization);
                ValidatableResponse r = req.contentType(ContentType.JSON).body("{\"max_share_links_per_monitor\":0}")
                        .when().request(verb, PATH, org).then();
                r.statusCode(401).contentType(ContentType.JSON).body("error.code", equalTo("UNAUTHORIZED"))
                        .body("error.message", not(emptyOrNullString()))
                        .body("error.trace_id", matchesPattern("[0-9a-f]{32}"));
            }
        }
        assertUntouched(org);
    }

    @Test
    void aLoweredCapHoldsFromTheNextMintAndLeavesExistingLinksLive() {
        String org = org(), t = sharedTarget(org);
        String jwt = Jwts.operator(org, "team"); // 5 links per monitor
        assertEquals(201, mint(jwt, t).statusCode());
        assertEquals(201, mint(jwt, t).statusCode());
        put(org, "{\"max_share_links_per_monitor\":2,\"reason\":\"downgrade\"}").statusCode(200);
        var refused = mint(jwt, t);
        assertEquals(422, refused.statusCode(), refused.asString());
        assertEquals("QUOTA_EXCEEDED", refused.path("error.code"));
        assertEquals(Map.of("quota", "max_share_links_per_monitor", "current", 2, "limit", 2, "plan", "team"),
                refused.path("error.details"));
        given().header("Authorization", Jwts.bearer(jwt)).when().get("/api/v1/targets/{id}/shares", t).then()
                .statusCode(200).body("size()", equalTo(2)).body("state", equalTo(List.of("active", "active")));

        put(org, "{\"max_share_links_per_monitor\":2,\"max_shared_monitors\":1}").statusCode(200);
        var otherMonitor = mint(jwt, sharedTarget(org));
        assertEquals(422, otherMonitor.statusCode());
        assertEquals("max_shared_monitors", otherMonitor.path("error.details.quota"));

        put(org, "{\"max_share_links_per_monitor\":0}").statusCode(200);
        assertEquals(422, mint(jwt, t).statusCode());
        internal().when().delete(PATH, org).then().statusCode(200);
        assertEquals(201, mint(jwt, t).statusCode(), "back to the team plan's 5");
    }
}
