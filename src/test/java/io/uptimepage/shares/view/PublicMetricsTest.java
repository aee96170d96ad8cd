package io.uptimepage.shares.view;

import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.support.CoreStubs;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a platform team scrapes from /q/metrics, and that no token or share id is ever a label. */
@QuarkusTest
class PublicMetricsTest {

    @Test
    void metricsCoverMintsResolvesCoreCallsCacheAndFlushWithoutTokensOrShareIds() {
        String org = PublicLinks.newOrg(), target = CoreStubs.newTargetId();
        CoreFixtures.httpMonitor(org, target);
        PublicLinks.Link link = PublicLinks.mint(org, target);
        given().get(link.path()).then().statusCode(200);
        given().get(link.path() + "/live").then().statusCode(200);
        given().get(link.path() + "/live").then().statusCode(200);
        given().get("/m/" + "A".repeat(43)).then().statusCode(404);
        given().get("/m/" + "B".repeat(43) + "/deep/unknown/path").then().statusCode(404);

        String metrics = get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : new String[] { "shares_minted_total", "shares_resolved_total{outcome=\"hit\"",
                "shares_resolved_total{outcome=\"not_found\"", "http_client_requests_seconds_count{",
                "uri=\"/api/v1/targets/{id}/uptime\"", "shares_view_data_total{outcome=\"fresh\"", "shares_view_data_entries ",
                "shares_views_buffered", "shares_views_flush_lag_seconds", "uri=\"/m/{token}\"", "uri=\"/m/{token}/live\"",
                "uri=\"/m/{token}/other\"", "shares_public_budget_rejected_total ",
                "shares_core_breakers_open " }) {
            assertTrue(metrics.contains(series), "missing " + series);
        }
        assertFalse(metrics.contains(link.token()), "a token appears in /q/metrics");
        assertFalse(metrics.contains(link.id()), "a share id appears in /q/metrics");
        assertFalse(metrics.contains("A".repeat(43)), "a probed token appears in /q/metrics");
        assertFalse(metrics.contains(target), "a target id appears in /q/metrics");
    }
}
