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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.share.ShareApiTest.assertEnvelope;
import static io.uptimepage.shares.share.ShareApiTest.list;
import static io.uptimepage.shares.share.ShareApiTest.mint;
import static io.uptimepage.shares.share.ShareApiTest.org;
import static io.uptimepage.shares.share.ShareApiTest.revoke;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code PATCH /api/v1/targets/{id}/shares/{shareId}}: edits, pause/resume with the same token, validation, audit. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class ShareEditApiTest {

    static ValidatableResponse patch(String org, String targetId, String shareId, String body) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org))).contentType(ContentType.JSON).body(body)
                .when().patch("/api/v1/targets/{id}/shares/{sid}", targetId, shareId).then();
    }

    /** A free-plan link on a fresh monitor: {org, target, share id, token}. */
    static String[] link() {
        String org = org(), t = newTargetId();
        target(org, t);
        var r = mint(org, t, "{\"label\":\"before\"}").statusCode(201).extract();
        return new String[] { org, t, r.path("id"), r.path("token") };
    }

    static List<String> auditActions(String shareId) {
        return Db.query("select action from share_audit where share_id = ?::uuid order by id", shareId).stream()
                .map(r -> (String) r.get("action")).toList();
    }

    @Test
    void patchChangesLabelAndExpiryAndWritesShareUpdatedWithWhatChanged() {
        String[] l = link();
        String at = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        patch(l[0], l[1], l[2], "{\"label\":\"  after  \",\"expires_at\":\"" + at + "\"}")
                .statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo(l[2])).body("label", equalTo("after")).body("expires_at", equalTo(at))
                .body("token", equalTo(l[3])).body("state", equalTo("active")).body("paused", equalTo(false))
                .body("embed_origins", empty()).body("unique_viewers_30d", equalTo(0));
        patch(l[0], l[1], l[2], "{\"expires_at\":null}").statusCode(200).body("expires_at", nullValue())
                .body("label", equalTo("after"));
        assertEquals(List.of("share.created", "share.updated", "share.updated"), auditActions(l[2]));
        List<Map<String, Object>> rows = Db.query("select actor, details from share_audit where share_id = ?::uuid "
                + "and action = 'share.updated' order by id", l[2]);
        assertEquals("user-" + l[0], rows.get(0).get("actor"));
        assertEquals("{\"label\":true,\"expires_at\":\"" + at + "\"}", rows.get(0).get("details"));
        assertEquals("{\"expires_at\":null}", rows.get(1).get("details"));
    }

    @Test
    void theAuditRowCarriesAnExpiryOnAWholeMinuteAsRfc3339WithItsSeconds() {
        String[] l = link();
        String at = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).toString();
        patch(l[0], l[1], l[2], "{\"expires_at\":\"" + at + "\"}").statusCode(200).body("expires_at", equalTo(at));
        assertEquals("{\"expires_at\":\"" + at + "\"}", Db.query("select details from share_audit where share_id = ?::uuid "
                + "and action = 'share.updated'", l[2]).get(0).get("details"));
        assertTrue(at.endsWith(":00Z"), at);
    }

    @Test
    void pauseKeepsTheTokenListsAsPausedHoldsItsSlotAndResumeIsAudited() {
        String[] l = link();
        patch(l[0], l[1], l[2], "{\"paused\":true}").statusCode(200).body("state", equalTo("paused"))
                .body("paused", equalTo(true)).body("token", equalTo(l[3]));
        list(l[0], l[1], "").statusCode(200).body("id", contains(l[2])).body("[0].state", equalTo("paused"))
                .body("[0].token", equalTo(l[3]));
        // free plan: one link per monitor, and the paused one still holds it
        assertEnvelope(mint(l[0], l[1], "{}"), 422, "QUOTA_EXCEEDED", null);
        patch(l[0], l[1], l[2], "{\"paused\":true}").statusCode(200); // already paused: no second row
        patch(l[0], l[1], l[2], "{\"paused\":false}").statusCode(200).body("state", equalTo("active"))
                .body("token", equalTo(l[3]));
        assertEquals(List.of("share.created", "share.paused", "share.resumed"), auditActions(l[2]));
    }

    @Test
    void emptyPatchChangesNothingAndWritesNoAuditRow() {
        String[] l = link();
        patch(l[0], l[1], l[2], "{}").statusCode(200).body("label", equalTo("before"));
        patch(l[0], l[1], l[2], "{\"label\":\"before\",\"paused\":false}").statusCode(200);
        assertEquals(List.of("share.created"), auditActions(l[2]));
    }

    @Test
    void patchValidatesEveryFieldLikeMint() {
        String[] l = link();
        assertEnvelope(patch(l[0], l[1], l[2], "{\"label\":\"" + "x".repeat(81) + "\"}"), 400, "SHARE_LABEL_INVALID", "label");
        assertEnvelope(patch(l[0], l[1], l[2], "{\"label\":7}"), 400, "SHARE_LABEL_INVALID", "label");
        assertEnvelope(patch(l[0], l[1], l[2], "{\"expires_at\":\"2020-01-01T00:00:00Z\"}"), 400, "INVALID_EXPIRY", "expires_at");
        assertEnvelope(patch(l[0], l[1], l[2], "{\"expires_at\":\"soon\"}"), 400, "INVALID_EXPIRY", "expires_at");
        assertEnvelope(patch(l[0], l[1], l[2], "{\"paused\":\"yes\"}"), 400, "INVALID_JSON", "paused");
        assertEnvelope(patch(l[0], l[1], l[2], "{\"paused\":null}"), 400, "INVALID_JSON", "paused");
        assertEnvelope(patch(l[0], l[1], l[2], "{\"token\":\"mine\"}"), 422, "INVALID_JSON", "token");
        assertEnvelope(patch(l[0], l[1], l[2], "{\"label\":"), 400, "INVALID_JSON", null);
        given().header("Authorization", Jwts.bearer(Jwts.operator(l[0]))).contentType(ContentType.TEXT).body("x")
                .when().patch("/api/v1/targets/{id}/shares/{sid}", l[1], l[2]).then().statusCode(415)
                .body("error.code", equalTo("INVALID_CONTENT_TYPE"));
        // nothing of the refused patches was stored
        list(l[0], l[1], "").body("[0].label", equalTo("before")).body("[0].expires_at", nullValue())
                .body("[0].paused", equalTo(false));
        assertEquals(List.of("share.created"), auditActions(l[2]));
    }

    @Test
    void embedOriginsAreExactHttpsOriginsNormalisedAndDeduplicated() {
        String[] l = link();
        patch(l[0], l[1], l[2], "{\"embed_origins\":[\"https://Wiki.Example.com\",\"https://wiki.example.com:443\","
                + "\"https://grafana.example.com:8443\"]}")
                .statusCode(200).body("embed_origins", contains("https://wiki.example.com", "https://grafana.example.com:8443"));
        list(l[0], l[1], "").body("[0].embed_origins", contains("https://wiki.example.com", "https://grafana.example.com:8443"));
        for (String bad : List.of("[\"http://wiki.example.com\"]", "[\"https://wiki.example.com/\"]",
                "[\"https://wiki.example.com/page\"]", "[\"https://wiki.example.com?x=1\"]", "[\"https://*.example.com\"]",
                "[\"https://user@wiki.example.com\"]", "[\"https://wiki.example.com:70000\"]", "[\"https://wiki.example.com#f\"]",
                "[\"javascript:alert(1)\"]", "[\"https://exa mple.com\"]", "[\"'self'\"]", "[\"https://a.example\\u0000.com\"]",
                "[42]", "\"https://wiki.example.com\"", "[\"https://1.example\",\"https://2.example\",\"https://3.example\","
                        + "\"https://4.example\",\"https://5.example\",\"https://6.example\"]")) {
            assertEnvelope(patch(l[0], l[1], l[2], "{\"embed_origins\":" + bad + "}"), 400, "INVALID_EMBED_ORIGINS",
                    "embed_origins");
        }
        patch(l[0], l[1], l[2], "{\"embed_origins\":[]}").statusCode(200).body("embed_origins", empty());
    }

    @Test
    void patchOfRevokedMissingForeignOrOtherMonitorsShareIs404() {
        String[] l = link();
        String otherOrg = org();
        assertEnvelope(patch(otherOrg, l[1], l[2], "{\"paused\":true}"), 404, "SHARE_NOT_FOUND", null);
        String otherTarget = newTargetId();
        assertEnvelope(patch(l[0], otherTarget, l[2], "{\"paused\":true}"), 404, "SHARE_NOT_FOUND", null);
        assertEnvelope(patch(l[0], l[1], newTargetId(), "{\"paused\":true}"), 404, "SHARE_NOT_FOUND", null);
        assertEnvelope(patch(l[0], l[1], "not-a-uuid", "{\"paused\":true}"), 404, "SHARE_NOT_FOUND", null);
        revoke(l[0], l[1], l[2]).statusCode(204);
        assertEnvelope(patch(l[0], l[1], l[2], "{\"paused\":true}"), 404, "SHARE_NOT_FOUND", null);
        assertEquals(List.of("share.created", "share.revoked"), auditActions(l[2]));
    }

    @Test
    void anExpiredLinkCannotBeExtendedButCanBeRelabelled() {
        String[] l = link();
        Db.update("update shares set expires_at = now() - interval '1 minute' where id = ?::uuid", l[2]);
        String later = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        assertEnvelope(patch(l[0], l[1], l[2], "{\"expires_at\":\"" + later + "\"}"), 400, "INVALID_EXPIRY", "expires_at");
        assertEnvelope(patch(l[0], l[1], l[2], "{\"expires_at\":null}"), 400, "INVALID_EXPIRY", "expires_at");
        patch(l[0], l[1], l[2], "{\"label\":\"gone\"}").statusCode(200).body("state", equalTo("expired"));
    }

    @Test
    void patchWithoutJwtIs401AndWithoutScopeIs403() {
        String[] l = link();
        given().contentType(ContentType.JSON).body("{\"paused\":true}")
                .when().patch("/api/v1/targets/{id}/shares/{sid}", l[1], l[2]).then().statusCode(401)
                .body("error.code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", Jwts.bearer(Jwts.claims(l[0], "targets:read").sign()))
                .contentType(ContentType.JSON).body("{\"paused\":true}")
                .when().patch("/api/v1/targets/{id}/shares/{sid}", l[1], l[2]).then().statusCode(403)
                .body("error.code", equalTo("INSUFFICIENT_SCOPE"));
    }
}
