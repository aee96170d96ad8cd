package io.uptimepage.shares.view;

import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.view.PublicLinks.Link;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.LiveCacheTest.count;
import static io.uptimepage.shares.view.LiveCacheTest.read;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN §3 "Bounded cost per link": the {@code from}/{@code to} twins draw from a per-link budget (burst 20 by
 * default); over it they answer 429 with Retry-After without calling the core, while the page, the live region and
 * the page's own results window keep being served, and other links keep their own budget.
 */
@QuarkusTest
class PublicBudgetTest {

    private static final String WINDOW = "?from=2026-12-01T10:00:00Z&to=2026-12-01T12:00:00Z";
    private static final Pattern REJECTED = Pattern.compile(
            // with tracing on, Prometheus' OpenMetrics output may append an exemplar (` # {span_id,trace_id} …`)
            "(?m)^shares_public_budget_rejected_total(\\{[^}]*})? ([0-9.]+)( # \\{[^}]*}.*)?$");

    @Test
    void aLinkOverItsBudgetGets429WithRetryAfterAndTheCoreIsNotCalled() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link greedy = mint(org, t), sameMonitor = mint(org, t);
        double rejectedBefore = rejected();
        for (int i = 0; i < 10; i++) {
            given().get(greedy.path() + "/results" + WINDOW).then().statusCode(200);
            given().get(greedy.path() + "/latency" + WINDOW).then().statusCode(200);
        }
        int coreReads = count(read(t, "/results")) + count(read(t, "/latency"));
        for (String twin : new String[] { "/results", "/latency", "/results", "/latency" }) {
            String retryAfter = given().get(greedy.path() + twin + WINDOW).then().statusCode(429)
                    .header("Cache-Control", "no-store").extract().header("Retry-After");
            assertTrue(Integer.parseInt(retryAfter) >= 1, "Retry-After in whole seconds: " + retryAfter);
        }
        assertEquals(coreReads, count(read(t, "/results")) + count(read(t, "/latency")), "the core was not called");
        assertEquals(4.0, rejected() - rejectedBefore, "refusals counted");

        given().get(greedy.path()).then().statusCode(200);
        given().get(greedy.path() + "/live").then().statusCode(200);
        given().get(greedy.path() + "/results").then().statusCode(200);
        given().get(greedy.path() + "/latency?range=24h").then().statusCode(200);
        int resultsReads = count(read(t, "/results"));
        given().get(sameMonitor.path() + "/results" + WINDOW).then().statusCode(200);
        assertEquals(resultsReads + 1, count(read(t, "/results")), "another link of the same monitor still reaches the core");
    }

    @Test
    void theRefusalCounterCarriesNoTokenShareOrTargetLabel() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        for (int i = 0; i < 21; i++) {
            given().get(link.path() + "/results" + WINDOW);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = REJECTED.matcher(metrics);
        assertTrue(m.find(), "shares_public_budget_rejected_total exported");
        assertEquals(null, m.group(1), "no labels at all");
        assertFalse(metrics.contains(link.token()) || metrics.contains(link.id()) || metrics.contains(t));
    }

    private static double rejected() {
        Matcher m = REJECTED.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        assertTrue(m.find(), "shares_public_budget_rejected_total exported");
        return Double.parseDouble(m.group(2));
    }
}
