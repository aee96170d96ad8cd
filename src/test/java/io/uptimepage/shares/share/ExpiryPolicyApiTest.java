package io.uptimepage.shares.share;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.uptimepage.shares.contract.ContractExtension;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.share.ShareApiTest.assertEnvelope;
import static io.uptimepage.shares.share.ShareEditApiTest.auditActions;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN §7 expiry policy: {@code default_share_ttl} / {@code max_share_ttl} of the plan, or of the org's override,
 * applied on mint and on PATCH; a refusal is 400 {@code INVALID_EXPIRY} on {@code expires_at} with
 * {@code details.max_ttl_seconds}, and stores nothing.
 */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class ExpiryPolicyApiTest {

    static final long DAY = 86_400;

    /** A plan of its own (caps 5/10) with this expiry policy; returns its id, for the JWT's {@code plan} claim. */
    static String plan(Long defaultTtl, Long maxTtl) {
        String id = "ttl-" + UUID.randomUUID().toString().substring(0, 8);
        Db.update("insert into plans (id, max_share_links_per_monitor, max_shared_monitors, default_share_ttl, max_share_ttl) "
                + "values (?, 5, 10, ?, ?)", id, defaultTtl, maxTtl);
        return id;
    }

    /** An org and one monitor of it, known to the core stub. */
    static String[] monitor() {
        String org = ShareApiTest.org(), t = newTargetId();
        target(org, t);
        return new String[] { org, t };
    }

    static ValidatableResponse mint(String org, String plan, String targetId, String body) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org, plan))).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/targets/{id}/shares", targetId).then();
    }

    static ValidatableResponse patch(String org, String plan, String targetId, String shareId, String body) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org, plan))).contentType(ContentType.JSON)
                .body(body).when().patch("/api/v1/targets/{id}/shares/{sid}", targetId, shareId).then();
    }

    static ValidatableResponse putLimits(String org, String body) {
        return given().header("Authorization", OrgLimitsApiTestSupport.INTERNAL).contentType(ContentType.JSON).body(body)
                .when().put("/internal/v1/orgs/{org}/limits", org).then();
    }

    static void assertMaxTtlRefusal(ValidatableResponse r, long maxTtl) {
        assertEnvelope(r, 400, "INVALID_EXPIRY", "expires_at");
        r.body("error.details.max_ttl_seconds", equalTo((int) maxTtl));
    }

    /** The expiry of a 201 lies within [before + ttl, after + ttl]. */
    static void assertExpiresAfter(ValidatableResponse created, Instant before, long ttl) {
        Instant after = Instant.now();
        Instant at = Instant.parse(created.statusCode(201).extract().path("expires_at"));
        assertFalse(at.isBefore(before.plusSeconds(ttl).truncatedTo(ChronoUnit.SECONDS)), at + " vs " + before);
        assertFalse(at.isAfter(after.plusSeconds(ttl)), at + " vs " + after);
    }

    static String in(long seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static long shares(String org) {
        return ((Number) Db.query("select count(*) as n from shares where org = ?", org).get(0).get("n")).longValue();
    }

    @Test
    void aMintWithoutExpiryGetsThePlansDefaultAndAnyLaterExpiryWhenThereIsNoMax() {
        String plan = plan(3600L, null);
        String[] m = monitor();
        Instant before = Instant.now();
        assertExpiresAfter(mint(m[0], plan, m[1], "{}"), before, 3600);
        assertExpiresAfter(mint(m[0], plan, m[1], "{\"expires_at\":null}"), before, 3600);
        String far = "2099-01-01T00:00:00Z";
        mint(m[0], plan, m[1], "{\"expires_at\":\"" + far + "\"}").statusCode(201).body("expires_at", equalTo(far));
    }

    @Test
    void seededPlansHaveNoPolicyALinkWithoutExpiryLivesUntilRevoked() {
        String[] m = monitor();
        mint(m[0], "team", m[1], "{}").statusCode(201).body("expires_at", nullValue());
        mint(m[0], "team", m[1], "{\"expires_at\":\"9999-12-31T23:59:59Z\"}").statusCode(201)
                .body("expires_at", equalTo("9999-12-31T23:59:59Z"));
    }

    @Test
    void aMaxWithoutDefaultIsTheDefaultAndAnythingLaterIsRefusedWithMaxTtlSeconds() {
        String plan = plan(null, DAY);
        String[] m = monitor();
        Instant before = Instant.now();
        assertExpiresAfter(mint(m[0], plan, m[1], "{}"), before, DAY); // a plain mint is never refused
        String within = in(DAY - 300);
        mint(m[0], plan, m[1], "{\"expires_at\":\"" + within + "\"}").statusCode(201).body("expires_at", equalTo(within));
        assertMaxTtlRefusal(mint(m[0], plan, m[1], "{\"expires_at\":\"" + in(DAY + 120) + "\"}"), DAY);
        assertMaxTtlRefusal(mint(m[0], plan, m[1], "{\"expires_at\":\"9999-12-31T23:59:59Z\"}"), DAY);
        // the offset counts: 20 h ahead on the wall clock of UTC-10 is 30 h from now
        String wallClock = OffsetDateTime.now(ZoneOffset.UTC).plusHours(20).truncatedTo(ChronoUnit.SECONDS)
                .toLocalDateTime().atOffset(ZoneOffset.ofHours(-10)).format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX"));
        assertMaxTtlRefusal(mint(m[0], plan, m[1], "{\"expires_at\":\"" + wallClock + "\"}"), DAY);
        assertEquals(2, shares(m[0]), "refused mints store nothing");
    }

    @Test
    void pastAndMalformedExpiriesAreInvalidExpiryWhateverThePolicy() {
        String plan = plan(600L, DAY);
        String[] m = monitor();
        List<String> bad = List.of("\"2020-01-01T00:00:00Z\"", "\"" + Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS)
                + "\"", "\"soon\"", "\"\"", "\"tomorrow\"", "1e12", "86400", "true", "{}", "[]", "[\"" + in(60) + "\"]",
                "\"" + in(60).replace("Z", "") + "\"", "\"" + in(60).substring(0, 16) + "Z\"",
                "\"+300000-01-01T00:00:00Z\"", "\"2027-02-30T00:00:00Z\"", "\"2027-01-01T24:00:00Z\"",
                "\"2027-01-01T00:00:00+24:00\"", "\"2027-01-01T00:00:00Europe/Paris\"", "\" " + in(60) + "\"",
                "\"" + in(60) + "\\u0000\"", "\"10000-01-01T00:00:00Z\"", "\"0000-01-01T00:00:00Z\"");
        for (String value : bad) {
            ValidatableResponse r = mint(m[0], plan, m[1], "{\"expires_at\":" + value + "}");
            assertEnvelope(r, 400, "INVALID_EXPIRY", "expires_at");
            r.body("error.details", nullValue()); // not a policy refusal: the value itself is wrong
        }
        assertEquals(0, shares(m[0]));
    }

    @Test
    void patchCannotExtendBeyondTheMaxNorRemoveTheExpiry() {
        String plan = plan(3600L, DAY);
        String[] m = monitor();
        var created = mint(m[0], plan, m[1], "{\"label\":\"incident\"}").statusCode(201).extract();
        String id = created.path("id"), expiry = created.path("expires_at");
        assertMaxTtlRefusal(patch(m[0], plan, m[1], id, "{\"expires_at\":\"" + in(2 * DAY) + "\"}"), DAY);
        assertMaxTtlRefusal(patch(m[0], plan, m[1], id, "{\"expires_at\":null}"), DAY);
        assertMaxTtlRefusal(patch(m[0], plan, m[1], id, "{\"label\":\"renamed\",\"expires_at\":null}"), DAY);
        assertEnvelope(patch(m[0], plan, m[1], id, "{\"expires_at\":\"2020-01-01T00:00:00Z\"}"), 400, "INVALID_EXPIRY",
                "expires_at");
        // nothing of the refused patches was stored or audited
        ShareApiTest.list(m[0], m[1], "").body("[0].expires_at", equalTo(expiry)).body("[0].label", equalTo("incident"));
        assertEquals(List.of("share.created"), auditActions(id));
        String within = in(DAY - 60);
        patch(m[0], plan, m[1], id, "{\"expires_at\":\"" + within + "\"}").statusCode(200).body("expires_at", equalTo(within));
        patch(m[0], plan, m[1], id, "{\"label\":\"renamed\"}").statusCode(200).body("expires_at", equalTo(within));
        assertEquals(List.of("share.created", "share.updated", "share.updated"), auditActions(id));
    }

    @Test
    void theOrgsOverrideSetsThePolicyOnMintAndPatchUntilItIsRemoved() {
        String[] m = monitor();
        putLimits(m[0], "{\"max_share_ttl\":600,\"reason\":\"customer policy\"}").statusCode(200)
                .body("max_share_ttl", equalTo(600)).body("sources.max_share_ttl", equalTo("override"));
        Instant before = Instant.now();
        var created = mint(m[0], "team", m[1], "{}");
        assertExpiresAfter(created, before, 600);
        String id = created.extract().path("id");
        assertMaxTtlRefusal(mint(m[0], "team", m[1], "{\"expires_at\":\"" + in(3600) + "\"}"), 600);
        assertMaxTtlRefusal(patch(m[0], "team", m[1], id, "{\"expires_at\":\"" + in(3600) + "\"}"), 600);
        assertMaxTtlRefusal(patch(m[0], "team", m[1], id, "{\"expires_at\":null}"), 600);

        given().header("Authorization", OrgLimitsApiTestSupport.INTERNAL).when().delete("/internal/v1/orgs/{org}/limits", m[0])
                .then().statusCode(200).body("max_share_ttl", nullValue());
        mint(m[0], "team", m[1], "{}").statusCode(201).body("expires_at", nullValue());
        patch(m[0], "team", m[1], id, "{\"expires_at\":null}").statusCode(200).body("expires_at", nullValue());
    }

    @Test
    void aTighterPolicyLeavesExistingLinksAloneUntilTheirExpiryIsEdited() {
        String[] m = monitor();
        String id = mint(m[0], "team", m[1], "{}").statusCode(201).body("expires_at", nullValue()).extract().path("id");
        putLimits(m[0], "{\"max_share_ttl\":600}").statusCode(200);
        patch(m[0], "team", m[1], id, "{\"label\":\"kept\",\"paused\":true}").statusCode(200)
                .body("expires_at", nullValue()).body("state", equalTo("paused"));
        assertMaxTtlRefusal(patch(m[0], "team", m[1], id, "{\"expires_at\":\"" + in(3600) + "\"}"), 600);
        String within = in(300);
        patch(m[0], "team", m[1], id, "{\"expires_at\":\"" + within + "\"}").statusCode(200)
                .body("expires_at", equalTo(within));
    }

    @Test
    void anOverrideMaxBelowThePlansDefaultCapsTheDefaultSoAPlainMintStillWorks() {
        String plan = plan(3600L, null);
        String[] m = monitor();
        putLimits(m[0], "{\"max_share_ttl\":600}").statusCode(200);
        given().header("Authorization", OrgLimitsApiTestSupport.INTERNAL).queryParam("plan", plan)
                .when().get("/internal/v1/orgs/{org}/limits", m[0]).then().statusCode(200)
                .body("max_share_ttl", equalTo(600)).body("default_share_ttl", equalTo(600));
        Instant before = Instant.now();
        assertExpiresAfter(mint(m[0], plan, m[1], "{}"), before, 600);
    }

    @Test
    void aPolicyReachingBeyondYear9999ClampsToTheLastAcceptedInstantInsteadOfFailing() {
        String plan = plan(Long.MAX_VALUE, Long.MAX_VALUE);
        String[] m = monitor();
        mint(m[0], plan, m[1], "{}").statusCode(201).body("expires_at", equalTo("9999-12-31T23:59:59Z"));
        mint(m[0], plan, m[1], "{\"expires_at\":\"9999-12-31T23:59:59Z\"}").statusCode(201);
        String id = mint(m[0], plan, m[1], "{\"expires_at\":\"" + in(60) + "\"}").statusCode(201).extract().path("id");
        patch(m[0], plan, m[1], id, "{\"expires_at\":\"9000-01-01T00:00:00Z\"}").statusCode(200);
        assertTrue(shares(m[0]) == 3);
    }
}
