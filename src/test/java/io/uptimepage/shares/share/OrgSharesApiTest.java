package io.uptimepage.shares.share;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.uptimepage.shares.contract.ContractExtension;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.share.ShareApiTest.assertEnvelope;
import static io.uptimepage.shares.share.ShareApiTest.org;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/v1/shares}, {@code POST /api/v1/shares/revoke}, {@code GET /api/v1/shares/audit}. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class OrgSharesApiTest {

    static String mint(String jwt, String targetId) {
        return given().header("Authorization", Jwts.bearer(jwt)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/targets/{id}/shares", targetId).then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse orgList(String org, String query) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org))).urlEncodingEnabled(false)
                .when().get("/api/v1/shares" + query).then();
    }

    static ValidatableResponse bulk(String org, String body) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org))).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/shares/revoke").then();
    }

    static ValidatableResponse audit(String org, String query) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(org))).urlEncodingEnabled(false)
                .when().get("/api/v1/shares/audit" + query).then();
    }

    static String team(String org) {
        return Jwts.operator(org, "team");
    }

    @Test
    void orgListHasEveryStateNewestFirstWithTokensOnlyForActiveAndPausedLinks() {
        String org = org(), t1 = newTargetId(), t2 = newTargetId();
        target(org, t1);
        target(org, t2);
        String revoked = mint(team(org), t1), expired = mint(team(org), t1), paused = mint(team(org), t2),
                active = mint(team(org), t2);
        ShareApiTest.revoke(org, t1, revoked).statusCode(204);
        Db.update("update shares set expires_at = now() - interval '1 minute' where id = ?::uuid", expired);
        ShareEditApiTest.patch(org, t2, paused, "{\"paused\":true}").statusCode(200);

        orgList(org, "").statusCode(200)
                .body("items.id", contains(active, paused, expired, revoked))
                .body("items.state", contains("active", "paused", "expired", "revoked"))
                .body("items[0].token", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("items[1].token", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("items[2].token", nullValue()).body("items[2].url", nullValue()).body("items[2].copyable", equalTo(false))
                .body("items[3].token", nullValue())
                .body("next_cursor", nullValue());
        orgList(org, "?state=paused").statusCode(200).body("items.id", contains(paused));
        orgList(org, "?state=active").statusCode(200).body("items.id", contains(active));
        orgList(org, "?state=expired").statusCode(200).body("items.id", contains(expired));
        orgList(org, "?state=revoked").statusCode(200).body("items.id", contains(revoked));
        orgList(org, "?target_id=" + t1).statusCode(200).body("items.id", contains(expired, revoked));
        orgList(org, "?created_by=user-" + org + "&target_id=" + t2).statusCode(200).body("items.id", contains(active, paused));
        orgList(org, "?created_by=someone-else").statusCode(200).body("items", empty());
    }

    @Test
    void orgListNeverShowsAnotherOrgsLinks() {
        String a = org(), b = org(), t = newTargetId();
        target(a, t);
        mint(team(a), t);
        orgList(b, "").statusCode(200).body("items", empty()).body("next_cursor", nullValue());
        orgList(b, "?target_id=" + t).statusCode(200).body("items", empty());
    }

    @Test
    void malformedOrgListQueriesAre400InvalidQuery() {
        String org = org();
        String[][] bad = { { "?target_id=nope", "target_id" }, { "?state=live", "state" }, { "?limit=0", "limit" },
                { "?limit=201", "limit" }, { "?limit=ten", "limit" }, { "?limit=99999999999", "limit" },
                { "?cursor=%25%25%25", "cursor" }, { "?cursor=!!", "cursor" }, { "?cursor=YTE6NQ", "cursor" },
                { "?created_by=%01x", "created_by" }, { "?cursor=" + "A".repeat(300), "cursor" } };
        for (String[] b : bad) {
            assertEnvelope(orgList(org, b[0]), 400, "INVALID_QUERY", b[1]);
        }
        assertEnvelope(audit(org, "?share_id=1"), 400, "INVALID_QUERY", "share_id");
        assertEnvelope(audit(org, "?target_id=x"), 400, "INVALID_QUERY", "target_id");
        assertEnvelope(audit(org, "?limit=-1"), 400, "INVALID_QUERY", "limit");
        // a share-list cursor is not an audit cursor
        assertEnvelope(audit(org, "?cursor=czE6MTow"), 400, "INVALID_QUERY", "cursor");
        given().when().get("/api/v1/shares").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", Jwts.bearer(Jwts.claims(org, "targets:read").sign())).when().get("/api/v1/shares")
                .then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
    }

    @Test
    void cursorPagesOver500LinksHaveNoDuplicateOrMissingItemUnderConcurrentMints() throws Exception {
        String org = org(), t = newTargetId();
        target(org, t);
        given().header("Authorization", OrgLimitsApiTestSupport.INTERNAL).contentType(ContentType.JSON)
                .body("{\"max_share_links_per_monitor\":2000}").when().put("/internal/v1/orgs/{org}/limits", org)
                .then().statusCode(200);
        String jwt = team(org);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> minted = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            minted.add(pool.submit(() -> mint(jwt, t)));
        }
        Set<String> before = new HashSet<>();
        for (Future<String> f : minted) {
            before.add(f.get());
        }
        assertEquals(500, before.size());

        AtomicBoolean paging = new AtomicBoolean(true);
        List<String> during = Collections.synchronizedList(new ArrayList<>());
        Future<?> minter = pool.submit(() -> {
            while (paging.get() && during.size() < 300) {
                during.add(mint(jwt, t));
            }
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = orgList(org, "?limit=37" + (cursor == null ? "" : "&cursor=" + cursor)).statusCode(200).extract();
            List<String> ids = page.path("items.id");
            assertTrue(ids.size() <= 37, "page size " + ids.size());
            seen.addAll(ids);
            cursor = page.path("next_cursor");
            pages++;
        } while (cursor != null && pages < 100);
        paging.set(false);
        minter.get();
        pool.shutdown();

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no item twice over " + pages + " pages");
        Set<String> missing = new HashSet<>(before);
        seen.forEach(missing::remove);
        assertEquals(Set.of(), missing, "every link that existed before paging started is on some page");
        assertTrue(!during.isEmpty(), "links were minted while paging");
        Set<String> allowed = new HashSet<>(before);
        allowed.addAll(during);
        assertTrue(allowed.containsAll(seen), "nothing but this org's links");
    }

    @Test
    void bulkRevokeByMonitorByMemberAndWholeOrgCountsWhatItRevokedAndAuditsEachLink() {
        String org = org(), t1 = newTargetId(), t2 = newTargetId();
        target(org, t1);
        target(org, t2);
        String departed = Jwts.claims(org, "targets:write").subject("departed-7").claim("plan", "team").sign();
        String a = mint(team(org), t1), b = mint(team(org), t1), c = mint(departed, t2), d = mint(team(org), t2);

        bulk(org, "{\"target_id\":\"" + t1 + "\",\"reason\":\"incident review\"}").statusCode(200).body("revoked", equalTo(2));
        bulk(org, "{\"target_id\":\"" + t1 + "\"}").statusCode(200).body("revoked", equalTo(0));
        bulk(org, "{\"created_by\":\"departed-7\"}").statusCode(200).body("revoked", equalTo(1));
        orgList(org, "?state=active").body("items.id", contains(d));
        bulk(org, "{\"all\":true}").statusCode(200).body("revoked", equalTo(1));
        orgList(org, "?state=active").body("items", empty());

        List<Map<String, Object>> rows = Db.query("select a.share_id::text as share, a.reason, a.details, a.actor from share_audit a "
                + "where a.org = ? and a.action = 'share.revoked' order by a.id", org);
        assertEquals(4, rows.size());
        Map<String, String> reasonById = new java.util.HashMap<>();
        rows.forEach(r -> reasonById.put((String) r.get("share"), (String) r.get("reason")));
        assertEquals(Map.of(a, "target_id:" + t1, b, "target_id:" + t1, c, "created_by:departed-7", d, "all"), reasonById);
        assertEquals("{\"reason\":\"incident review\"}", rows.get(0).get("details"));
        assertEquals("user-" + org, rows.get(0).get("actor"));
        assertEquals(List.of("bulk"), Db.query("select distinct revoke_reason from shares where org = ?", org).stream()
                .map(r -> r.get("revoke_reason")).toList());
    }

    @Test
    void bulkRevokeOfAnotherOrgsMonitorRevokesNothing() {
        String a = org(), b = org(), t = newTargetId();
        target(a, t);
        String id = mint(team(a), t);
        bulk(b, "{\"target_id\":\"" + t + "\"}").statusCode(200).body("revoked", equalTo(0));
        bulk(b, "{\"created_by\":\"user-" + a + "\"}").statusCode(200).body("revoked", equalTo(0));
        bulk(b, "{\"all\":true}").statusCode(200).body("revoked", equalTo(0));
        orgList(a, "?state=active").body("items.id", contains(id));
    }

    @Test
    void bulkRevokeNeedsExactlyOneWellFormedSelector() {
        String org = org(), t = newTargetId();
        for (String body : List.of("{}", "{\"reason\":\"x\"}", "{\"target_id\":\"" + t + "\",\"all\":true}",
                "{\"created_by\":\"u\",\"all\":true}", "{\"all\":false}", "{\"all\":\"true\"}", "{\"target_id\":\"nope\"}",
                "{\"target_id\":5}", "{\"created_by\":\"\"}", "{\"created_by\":\"a\\u0007b\"}",
                "{\"all\":true,\"reason\":\"" + "r".repeat(201) + "\"}", "{\"all\":true,\"reason\":7}")) {
            var r = bulk(org, body);
            r.statusCode(400).body("error.code", equalTo("INVALID_SELECTOR"));
        }
        assertEnvelope(bulk(org, "{\"all\":true,\"everything\":true}"), 422, "INVALID_JSON", "everything");
        assertEnvelope(bulk(org, "{\"all\":"), 400, "INVALID_JSON", null);
    }

    @Test
    void auditTrailIsTheOrgsNewestFirstAndCursorPaged() {
        String org = org(), t = newTargetId();
        target(org, t);
        String id = mint(team(org), t);
        ShareEditApiTest.patch(org, t, id, "{\"label\":\"x\"}").statusCode(200);
        ShareEditApiTest.patch(org, t, id, "{\"paused\":true}").statusCode(200);
        ShareEditApiTest.patch(org, t, id, "{\"paused\":false}").statusCode(200);
        ShareApiTest.revoke(org, t, id).statusCode(204);
        List<String> expected = List.of("share.revoked", "share.resumed", "share.paused", "share.updated", "share.created");
        audit(org, "?share_id=" + id).statusCode(200).body("items.action", equalTo(expected))
                .body("items[3].details.label", equalTo(true)).body("items[3].actor", equalTo("user-" + org))
                .body("items[0].target_id", equalTo(t)).body("items[0].at", matchesPattern("\\d{4}-.*Z"))
                .body("next_cursor", nullValue());
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var page = audit(org, "?target_id=" + t + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .statusCode(200).extract();
            List<String> actions = page.path("items.action");
            paged.addAll(actions);
            cursor = page.path("next_cursor");
        } while (cursor != null);
        assertEquals(expected, paged);
        audit(org(), "?share_id=" + id).statusCode(200).body("items", hasSize(0));
        audit(org(), "").statusCode(200).body("items", hasSize(0));
    }
}
