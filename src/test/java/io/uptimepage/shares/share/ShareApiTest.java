package io.uptimepage.shares.share;

import io.uptimepage.shares.contract.ContractExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static io.uptimepage.shares.support.CoreStubs.heldTarget;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static io.uptimepage.shares.support.CoreStubs.targetNotFound;
import static io.uptimepage.shares.support.CoreStubs.targetUnreachable;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator API of DESIGN §2, through HTTP, with real JWTs, a WireMock core and real PostgreSQL. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class ShareApiTest {

    static String org() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse mint(String org, String targetId, String body) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org))).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/targets/{id}/shares", targetId).then();
    }

    static ValidatableResponse list(String org, String targetId, String query) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org)))
                .when().get("/api/v1/targets/{id}/shares" + query, targetId).then();
    }

    static ValidatableResponse revoke(String org, String targetId, String shareId) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org)))
                .when().delete("/api/v1/targets/{id}/shares/{sid}", targetId, shareId).then();
    }

    static void assertEnvelope(ValidatableResponse r, int status, String code, String field) {
        r.statusCode(status).contentType(ContentType.JSON)
                .body("error.code", equalTo(code))
                .body("error.message", not(emptyOrNullString()))
                .body("error.field", field == null ? nullValue() : equalTo(field))
                .body("error.trace_id", matchesPattern("[0-9a-f]{32}")); // the request's trace (TraceContextTest)
    }

    @Test
    void mintReturns201WithTokenUrlAndLocation() {
        String org = org(), t = newTargetId();
        target(org, t);
        mint(org, t, "{\"label\":\"  Slack #ops  \"}")
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/targets/" + t + "/shares/[0-9a-f-]{36}"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("target_id", equalTo(t))
                .body("label", equalTo("Slack #ops"))
                .body("token", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("url", matchesPattern("http://localhost:\\d+/m/[A-Za-z0-9_-]{43}"))
                .body("copyable", equalTo(true))
                .body("state", equalTo("active"))
                .body("created_by", equalTo("user-" + org))
                .body("expires_at", nullValue())
                .body("revoked_at", nullValue())
                .body("view_count", equalTo(0))
                .body("last_viewed_at", nullValue());
    }

    @Test
    void blankLabelBecomesNull() {
        String org = org(), t = newTargetId();
        target(org, t);
        mint(org, t, "{\"label\":\"   \"}").statusCode(201).body("label", nullValue());
    }

    @Test
    void emptyBodyMintsUnlabelledLinkWithoutExpiry() {
        String org = org(), t = newTargetId();
        target(org, t);
        mint(org, t, "{}").statusCode(201).body("label", nullValue()).body("expires_at", nullValue());
    }

    @Test
    void labelOf80CodePointsIsAcceptedAnd81Is400() {
        String org = org(), t = newTargetId();
        target(org, t);
        String emoji80 = "😀".repeat(80); // 160 UTF-16 units, 80 code points
        mint(org, t, "{\"label\":\"" + emoji80 + "\"}").statusCode(201).body("label", equalTo(emoji80));
        assertEnvelope(mint(org, t, "{\"label\":\"" + "x".repeat(81) + "\"}"), 400, "SHARE_LABEL_INVALID", "label");
    }

    @Test
    void nonStringLabelIs400() {
        String org = org(), t = newTargetId();
        target(org, t);
        assertEnvelope(mint(org, t, "{\"label\":42}"), 400, "SHARE_LABEL_INVALID", "label");
    }

    @Test
    void expiryInThePastOrNowIs400() {
        String org = org(), t = newTargetId();
        target(org, t);
        assertEnvelope(mint(org, t, "{\"expires_at\":\"2020-01-01T00:00:00Z\"}"), 400, "INVALID_EXPIRY", "expires_at");
        assertEnvelope(mint(org, t, "{\"expires_at\":\"next tuesday\"}"), 400, "INVALID_EXPIRY", "expires_at");
    }

    @Test
    void futureExpiryIsStoredInUtc() {
        String org = org(), t = newTargetId();
        target(org, t);
        mint(org, t, "{\"expires_at\":\"2099-12-31T01:00:00+01:00\"}").statusCode(201)
                .body("expires_at", equalTo("2099-12-31T00:00:00Z"));
    }

    @Test
    void unknownJsonKeyIs422NamingIt() {
        String org = org(), t = newTargetId();
        target(org, t);
        assertEnvelope(mint(org, t, "{\"label\":\"a\",\"view_count\":5}"), 422, "INVALID_JSON", "view_count");
    }

    @Test
    void malformedJsonIs400() {
        String org = org(), t = newTargetId();
        target(org, t);
        assertEnvelope(mint(org, t, "{\"label\":"), 400, "INVALID_JSON", null);
    }

    @Test
    void nonJsonContentTypeIs415() {
        String org = org(), t = newTargetId();
        target(org, t);
        assertEnvelope(given().header("Authorization", Jwts.bearer(Jwts.operator(org))).contentType(ContentType.TEXT)
                .body("label=x").when().post("/api/v1/targets/{id}/shares", t).then(), 415, "INVALID_CONTENT_TYPE", null);
    }

    @Test
    void unsupportedMethodIs405Envelope() {
        String t = newTargetId();
        assertEnvelope(given().header("Authorization", Jwts.bearer(Jwts.operator(org())))
                .when().put("/api/v1/targets/{id}/shares", t).then(), 405, "METHOD_NOT_ALLOWED", null);
    }

    @Test
    void unknownApiPathIs404Envelope() {
        assertEnvelope(given().when().get("/api/v1/nothing-here").then(), 404, "NOT_FOUND", null);
    }

    @Test
    void unknownTargetIs404TargetNotFound() {
        String org = org(), t = newTargetId();
        targetNotFound(t);
        assertEnvelope(mint(org, t, "{}"), 404, "TARGET_NOT_FOUND", null);
        assertEnvelope(list(org, t, ""), 404, "TARGET_NOT_FOUND", null);
    }

    @Test
    void malformedTargetIdIs404TargetNotFound() {
        assertEnvelope(mint(org(), "not-a-uuid", "{}"), 404, "TARGET_NOT_FOUND", null);
    }

    @Test
    void heldTargetCannotBeShared() {
        String org = org(), t = newTargetId();
        heldTarget(org, t);
        assertEnvelope(mint(org, t, "{}"), 404, "TARGET_NOT_FOUND", null);
    }

    @Test
    void coreDownIs503CoreUnavailable() {
        String org = org(), t = newTargetId();
        targetUnreachable(t);
        assertEnvelope(mint(org, t, "{}"), 503, "CORE_UNAVAILABLE", null);
    }

    @Test
    void listIsNewestFirstAndRecopyReturnsTheSameTokenTwice() {
        String org = org(), t = newTargetId();
        target(org, t);
        String first = mint(org, t, "{\"label\":\"one\"}").statusCode(201).extract().path("token");
        // the free plan allows 1 link per monitor: use a plan with room for two
        String second = given().header("Authorization", Jwts.bearer(Jwts.operator(org, "team"))).contentType(ContentType.JSON)
                .body("{\"label\":\"two\"}").post("/api/v1/targets/{id}/shares", t).then().statusCode(201).extract().path("token");
        List<String> tokens1 = list(org, t, "").statusCode(200).body("$", hasSize(2)).body("[0].label", equalTo("two"))
                .extract().path("token");
        List<String> tokens2 = list(org, t, "").statusCode(200).extract().path("token");
        assertEquals(List.of(second, first), tokens1);
        assertEquals(tokens1, tokens2);
    }

    @Test
    void revokedLinkLeavesTheLiveListButStaysInStateAll() {
        String org = org(), t = newTargetId();
        target(org, t);
        String id = mint(org, t, "{}").statusCode(201).extract().path("id");
        revoke(org, t, id).statusCode(204);
        list(org, t, "").statusCode(200).body("$", hasSize(0));
        list(org, t, "?state=all").statusCode(200).body("$", hasSize(1))
                .body("[0].state", equalTo("revoked")).body("[0].revoked_at", notNullValue());
    }

    @Test
    void expiredLinkLeavesTheLiveListAndFreesItsSlot() {
        String org = org(), t = newTargetId();
        target(org, t);
        Instant soon = Instant.now().plus(1500, ChronoUnit.MILLIS);
        mint(org, t, "{\"expires_at\":\"" + soon + "\"}").statusCode(201);
        list(org, t, "").body("$", hasSize(1)).body("[0].state", equalTo("active"));
        // Wall-clock expiry is the behaviour under test: the link leaves the list once its instant has passed.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> list(org, t, "").statusCode(200).body("$", hasSize(0)));
        assertTrue(Instant.now().isAfter(soon), "left the list only after expires_at");
        list(org, t, "?state=all").body("$", hasSize(1)).body("[0].state", equalTo("expired"));
        mint(org, t, "{}").statusCode(201); // the free plan's one slot is free again
    }

    @Test
    void unknownStateFilterIs400() {
        String org = org(), t = newTargetId();
        target(org, t);
        assertEnvelope(list(org, t, "?state=bogus"), 400, "INVALID_QUERY", "state");
    }

    @Test
    void secondRevokeIs404ShareNotFound() {
        String org = org(), t = newTargetId();
        target(org, t);
        String id = mint(org, t, "{}").extract().path("id");
        revoke(org, t, id).statusCode(204);
        assertEnvelope(revoke(org, t, id), 404, "SHARE_NOT_FOUND", null);
    }

    @Test
    void revokeOnAnotherMonitorIs404() {
        String org = org(), t = newTargetId(), other = newTargetId();
        target(org, t);
        String id = mint(org, t, "{}").extract().path("id");
        assertEnvelope(revoke(org, other, id), 404, "SHARE_NOT_FOUND", null);
        assertEnvelope(revoke(org, t, "not-a-uuid"), 404, "SHARE_NOT_FOUND", null);
    }

    @Test
    void foreignOrgCannotListOrRevoke() {
        String orgA = org(), orgB = org(), t = newTargetId();
        target(orgA, t);
        targetNotFound(t); // the core's tenant cloak: for any other org the target does not exist
        target(orgA, t);   // WireMock matches the most recent stub first; org A's header-matched stub wins for A
        String id = mint(orgA, t, "{}").statusCode(201).extract().path("id");
        assertEnvelope(list(orgB, t, ""), 404, "TARGET_NOT_FOUND", null);
        assertEnvelope(revoke(orgB, t, id), 404, "SHARE_NOT_FOUND", null);
        list(orgA, t, "").body("$", hasSize(1)); // still there, untouched
    }

    @Test
    void publicBaseUrlDefaultsToTheRequestOrigin() {
        String org = org(), t = newTargetId();
        target(org, t);
        String url = mint(org, t, "{}").extract().path("url");
        String token = list(org, t, "").extract().path("[0].token");
        assertEquals(url.substring(url.indexOf("/m/") + 3), token);
        assertNotEquals(-1, url.indexOf("localhost"));
    }
}
