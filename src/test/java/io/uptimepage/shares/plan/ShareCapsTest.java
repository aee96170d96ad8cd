package io.uptimepage.shares.plan;

import io.uptimepage.shares.contract.ContractExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN §7: plan caps, counted on active links, enforced under a per-org lock. */
@ExtendWith(ContractExtension.class) // every API answer here is checked against docs/openapi.yaml
@QuarkusTest
class ShareCapsTest {

    static String org() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ExtractableResponse<Response> mint(String jwt, String targetId) {
        return given().header("Authorization", Jwts.bearer(jwt)).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/targets/{id}/shares", targetId).then().extract();
    }

    static String sharedTarget(String org) {
        String t = newTargetId();
        target(org, t);
        return t;
    }

    @Test
    void fiftyConcurrentMintsOnAFreeMonitorYieldExactlyOneLink() throws Exception {
        String org = org(), t = sharedTarget(org);
        String jwt = Jwts.operator(org);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> mint(jwt, t).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses: " + statuses);
            assertEquals(49, statuses.stream().filter(s -> s == 422).count(), "statuses: " + statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, Db.query("select count(*) as n from shares where org = ?", org).get(0).get("n"));
    }

    @Test
    void perMonitorCapIs422WithQuotaDetails() {
        String org = org(), t = sharedTarget(org);
        assertEquals(201, mint(Jwts.operator(org), t).statusCode());
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/targets/{id}/shares", t).then().statusCode(422)
                .body("error.code", equalTo("QUOTA_EXCEEDED"))
                .body("error.details.quota", equalTo("max_share_links_per_monitor"))
                .body("error.details.current", equalTo(1))
                .body("error.details.limit", equalTo(1))
                .body("error.details.plan", equalTo("free"))
                .body("error.message", equalTo("max_share_links_per_monitor limit reached: 1 of 1 used on the free plan."));
    }

    @Test
    void sharedMonitorsCapAppliesToANewMonitorOnly() {
        String org = org();
        String a = sharedTarget(org), b = sharedTarget(org), c = sharedTarget(org);
        assertEquals(201, mint(Jwts.operator(org), a).statusCode());
        assertEquals(201, mint(Jwts.operator(org), b).statusCode());
        ExtractableResponse<Response> third = mint(Jwts.operator(org), c);
        assertEquals(422, third.statusCode());
        assertEquals("max_shared_monitors", third.path("error.details.quota"));
        assertEquals(2, (int) third.path("error.details.limit"));
    }

    @Test
    void secondLinkOnAnAlreadySharedMonitorIgnoresTheMonitorsCap() {
        String org = org();
        Db.update("insert into plan_overrides (org, max_share_links_per_monitor, max_shared_monitors, reason) values (?, 3, 1, 'test')", org);
        String a = sharedTarget(org), b = sharedTarget(org);
        assertEquals(201, mint(Jwts.operator(org), a).statusCode());
        assertEquals(201, mint(Jwts.operator(org), a).statusCode()); // same monitor: only the per-monitor cap applies
        ExtractableResponse<Response> other = mint(Jwts.operator(org), b);
        assertEquals(422, other.statusCode());
        assertEquals("max_shared_monitors", other.path("error.details.quota"));
    }

    @Test
    void revokingFreesTheSlot() {
        String org = org(), t = sharedTarget(org);
        String id = mint(Jwts.operator(org), t).path("id");
        assertEquals(422, mint(Jwts.operator(org), t).statusCode());
        given().header("Authorization", Jwts.bearer(Jwts.operator(org))).delete("/api/v1/targets/{t}/shares/{s}", t, id)
                .then().statusCode(204);
        assertEquals(201, mint(Jwts.operator(org), t).statusCode());
    }

    @Test
    void planClaimSelectsThePlanAndUnknownPlanIsFree() {
        String org = org(), t = sharedTarget(org);
        for (int i = 0; i < 5; i++) {
            assertEquals(201, mint(Jwts.operator(org, "team"), t).statusCode());
        }
        ExtractableResponse<Response> sixth = mint(Jwts.operator(org, "team"), t);
        assertEquals(422, sixth.statusCode());
        assertEquals("team", sixth.path("error.details.plan"));

        String org2 = org(), t2 = sharedTarget(org2);
        assertEquals(201, mint(Jwts.operator(org2, "platinum-unknown"), t2).statusCode());
        ExtractableResponse<Response> second = mint(Jwts.operator(org2, "platinum-unknown"), t2);
        assertEquals(422, second.statusCode());
        assertEquals("free", second.path("error.details.plan"));
    }

    @Test
    void liveOverrideRaisesTheCapAndAnExpiredOneDoesNot() {
        String org = org(), t = sharedTarget(org);
        Db.update("insert into plan_overrides (org, max_share_links_per_monitor, reason) values (?, 2, 'support ticket')", org);
        assertEquals(201, mint(Jwts.operator(org), t).statusCode());
        assertEquals(201, mint(Jwts.operator(org), t).statusCode());
        assertEquals(422, mint(Jwts.operator(org), t).statusCode());

        String org2 = org(), t2 = sharedTarget(org2);
        Db.update("insert into plan_overrides (org, max_share_links_per_monitor, expires_at, reason) values (?, 5, ?, 'lapsed')",
                org2, OffsetDateTime.now().minusDays(1));
        assertEquals(201, mint(Jwts.operator(org2), t2).statusCode());
        assertEquals(422, mint(Jwts.operator(org2), t2).statusCode());
    }

    @Test
    void capsAreCountedPerOrg() {
        String orgA = org(), orgB = org(), t = newTargetId();
        target(orgA, t);
        target(orgB, t);
        assertEquals(201, mint(Jwts.operator(orgA), t).statusCode());
        assertEquals(201, mint(Jwts.operator(orgB), t).statusCode());
        List<Map<String, Object>> rows = Db.query("select org from shares where target_id = ?::uuid order by org", t);
        assertTrue(rows.size() == 2, rows.toString());
    }
}
