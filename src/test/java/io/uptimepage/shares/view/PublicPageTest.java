package io.uptimepage.shares.view;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.uptimepage.shares.view.PublicLinks.Link;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.core;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.CoreFixtures.monitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a viewer of a link sees: the pages, the live fragment and the JSON twins, per check kind. */
@QuarkusTest
class PublicPageTest {

    static Link httpLink() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        return mint(org, t);
    }

    @Test
    void httpMonitorPageShowsHeaderKpisChartsResultsAndRedactedConfig() {
        Link link = httpLink();
        String html = given().when().get(link.path()).then().statusCode(200).contentType(ContentType.HTML)
                .extract().asString();
        assertTrue(html.contains("<h1>Checkout API</h1>"), "monitor name");
        assertTrue(html.contains("shared · read-only"), "read-only tag");
        assertTrue(html.contains("<span class=\"kind\">HTTP</span> <span class=\"addr\">https://api.example.com/health</span>"),
                "kind and redacted address");
        assertTrue(html.contains("interval: 1m"), "interval");
        assertTrue(html.contains("<span class=\"tag\">prod</span>") && html.contains("<span class=\"tag\">payments</span>"), "tags");
        assertTrue(html.contains("id=\"head-status\" class=\"badge badge--up\">up<"), "status badge in the header");
        assertTrue(html.contains("99.98<small>%</small>"), "uptime trimmed to 2 decimals");
        assertTrue(html.contains("+0.08 pts vs prior 24h"), "delta against the prior window of equal span");
        assertTrue(html.contains("data-ongoing>1<"), "one ongoing incident");
        assertTrue(html.contains("Incidents <span class=\"count\">1</span>"), "incidents tab carries the ongoing count");
        assertTrue(html.contains("latency (p50/p95/p99) · all regions"), "latency chart, multi-region title");
        assertTrue(html.contains("data-chart=\"latency\"") && html.contains("data-chart=\"phases\""), "both charts");
        assertTrue(html.contains("latest 5+"), "results count with more available");
        assertTrue(html.contains("connect timed out after 10s") && !html.contains("served_stale"), "served_stale: stripped");
        assertTrue(html.contains("<dt>processing</dt><dd>15 ms</dd>"), "phase timings incl. processing = duration - phases");
        assertTrue(html.contains("raw JSON this monitor runs with (credentials hidden)"), "config block");
        assertTrue(html.contains("&quot;bearer_token&quot; : &quot;***&quot;"), "config JSON redacted and escaped");
        assertTrue(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), "robots meta");
        assertTrue(html.contains("<meta name=\"viewport\""), "viewport meta");
        assertTrue(html.contains("<link rel=\"icon\" href=\"/m/_/" + Assets.VERSION + "/favicon.svg\""), "favicon under /m/_/");
        assertTrue(html.contains("data-poll-seconds=\"2\""), "poll interval from config (2 s in tests)");
        assertFalse(html.contains("/api/"), "no link to the API");
        assertFalse(html.contains("<script>") || html.contains(" onclick=") || html.contains("javascript:"), "no inline script");
    }

    @Test
    void everyUrlInThePageStaysUnderTheLinkOrTheAssetPath() {
        Link link = httpLink();
        String html = given().when().get(link.path()).then().statusCode(200).extract().asString();
        Matcher urls = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(html);
        int n = 0;
        while (urls.find()) {
            String url = urls.group(1);
            assertTrue(url.startsWith(link.path()) || url.startsWith("/m/_/" + Assets.VERSION + "/"), url);
            n++;
        }
        assertTrue(n >= 10, "links and assets found: " + n);
    }

    @Test
    void liveFragmentIsTheSameRegionThePageEmbeds() {
        Link link = httpLink();
        String page = given().when().get(link.path() + "?range=7d").then().statusCode(200).extract().asString();
        String live = given().when().get(link.path() + "/live?range=7d").then().statusCode(200)
                .contentType(ContentType.HTML).extract().asString();
        assertTrue(live.strip().startsWith("<section id=\"live\""), "fragment starts with the region");
        assertFalse(live.contains("<html") || live.contains("<h1>"), "fragment only");
        assertTrue(live.contains("data-range=\"7d\"") && live.contains("uptime · 7d"), "range carried");
        String stable = live.replaceAll("data-rendered-at=\"[^\"]*\"", "").replaceAll(">[^<]*ago<", "><");
        String embedded = page.substring(page.indexOf("<section id=\"live\""), page.indexOf("</section>\n</section>") + "</section>\n</section>".length())
                .replaceAll("data-rendered-at=\"[^\"]*\"", "").replaceAll(">[^<]*ago<", "><");
        assertEquals(embedded.strip(), stable.strip(), "page and poll render the same markup");
    }

    @Test
    void unknownRangeFallsBackToTheDefault() {
        Link link = httpLink();
        given().when().get(link.path() + "?range=5y").then().statusCode(200)
                .body(containsString("data-range=\"24h\""), containsString("pill pill--active\" href=\"" + link.path() + "?range=24h\""));
        given().when().get(link.path() + "/incidents?range=1h").then().statusCode(200)
                .body(containsString("data-range=\"30d\""));
    }

    @Test
    void tcpMonitorShowsHostAndPort() {
        String org = newOrg(), t = newTargetId();
        monitor(org, t, "target-tcp.json", "results-latest.json", "results.json");
        Link link = mint(org, t);
        given().when().get(link.path()).then().statusCode(200)
                .body(containsString("<span class=\"kind\">TCP</span> <span class=\"addr\">db.internal.example.com:5432</span>"),
                        containsString("interval: 30s"), containsString("data-chart=\"latency\""));
        given().when().get(link.path() + "/live").then().statusCode(200).body(containsString("badge badge--up"));
    }

    @Test
    void heartbeatPastItsPeriodButWithinGraceIsLateAndHasNoCharts() {
        String org = newOrg(), t = newTargetId();
        monitor(org, t, "target-heartbeat.json", "results-heartbeat-late.json", "results-heartbeat-late.json");
        Link link = mint(org, t);
        String html = given().when().get(link.path()).then().statusCode(200).extract().asString();
        assertTrue(html.contains("<span class=\"kind\">HEARTBEAT</span> <span class=\"addr\">ping every 5m (+1m grace)</span>"), "heartbeat line");
        assertTrue(html.contains("id=\"head-status\" class=\"badge badge--late\">late<"), "late badge");
        assertTrue(html.contains("last ping 5m 3"), "last ping age");
        assertFalse(html.contains("data-chart="), "no charts for heartbeats");
        given().when().get(link.path() + "/live").then().statusCode(200)
                .body(containsString("data-status=\"late\""), not(containsString("data-chart=")));
    }

    @Test
    void heartbeatNeverPingedIsWaiting() {
        String org = newOrg(), t = newTargetId();
        monitor(org, t, "target-heartbeat.json", "results-empty.json", "results-empty.json");
        Link link = mint(org, t);
        given().when().get(link.path()).then().statusCode(200)
                .body(containsString("class=\"badge badge--waiting\">waiting<"), containsString("never pinged"),
                        containsString("no check results in this window"));
    }

    @Test
    void monitorWithoutResultsIsChecking() {
        String org = newOrg(), t = newTargetId();
        monitor(org, t, "target-tcp.json", "results-empty.json", "results-empty.json");
        Link link = mint(org, t);
        given().when().get(link.path() + "/live").then().statusCode(200)
                .body(containsString("data-status=\"checking\""), containsString("checking…"),
                        containsString("no check result in the last 7 days"));
    }

    @Test
    void flowMonitorShowsStrippedStartUrlAndOnlyTheLatencyChart() {
        String org = newOrg(), t = newTargetId();
        monitor(org, t, "target-flow.json", "results-latest.json", "results.json");
        Link link = mint(org, t);
        given().when().get(link.path()).then().statusCode(200)
                .body(containsString("<span class=\"kind\">FLOW</span> <span class=\"addr\">https://app.example.com/login</span>"),
                        containsString("data-chart=\"latency\""), not(containsString("data-chart=\"phases\"")));
    }

    @Test
    void incidentsTabListsIncidentsWithTimelineBounds() {
        Link link = httpLink();
        String html = given().when().get(link.path() + "/incidents").then().statusCode(200).contentType(ContentType.HTML)
                .extract().asString();
        assertTrue(html.contains("tab tab--active\" href=\"" + link.path() + "/incidents\" aria-current=\"page\""), "incidents tab active");
        assertTrue(html.contains("last 30d · 2"), "two incidents in the default 30d");
        assertTrue(html.contains("<span class=\"ongoing\">ongoing</span>"), "ongoing incident");
        assertTrue(html.contains("chip chip--critical\">critical<") && html.contains("chip chip--minor\">minor<"), "severity");
        assertTrue(html.contains("9 checks") && html.contains("15 checks"), "check counts");
        assertTrue(html.contains("15m"), "duration of the resolved incident");
        assertTrue(html.contains("connection refused") && !html.contains("served_stale"), "error sample humanized");
        assertTrue(html.contains("not counted as downtime"), "downtime flag");
        assertTrue(html.contains("data-timeline-from=\"") && html.contains("data-timeline-to=\""), "lazy timeline bounds");
        assertTrue(html.contains("id=\"head-status\" class=\"badge badge--up\""), "header status");
        assertTrue(html.contains("id=\"live\" class=\"incidents\" aria-live=\"polite\" data-live-path=\"/incidents/live\""),
                "the incidents region refreshes itself from /incidents/live");
    }

    @Test
    void resultsJsonHasNoIdsAndStripsServedStale() {
        Link link = httpLink();
        given().when().get(link.path() + "/results").then().statusCode(200).contentType(ContentType.JSON)
                .body("items", hasSize(5))
                .body("has_more", equalTo(true))
                .body("items[0]", allOf(hasKey("timestamp"), hasKey("status"), hasKey("duration_ms"), hasKey("response_code"),
                        not(hasKey("org_id")), not(hasKey("target_id")), not(hasKey("error"))))
                .body("items[0].status", equalTo("up"))
                .body("items[3].error", equalTo("connect timed out after 10s"))
                .body("items[3]", not(hasKey("response_code")));
    }

    @Test
    void latencyJsonHasTheCoreShape() {
        Link link = httpLink();
        given().when().get(link.path() + "/latency?range=1h").then().statusCode(200).contentType(ContentType.JSON)
                .body("bucket_seconds", equalTo(60))
                .body("buckets", hasSize(60))
                .body("buckets[0].keySet()", hasItems("t", "p50", "p95", "p99", "avg", "dns", "connect", "tls", "ttfb", "samples"));
        given().when().get(link.path() + "/latency?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z").then()
                .statusCode(200).body("bucket_seconds", equalTo(60));
    }

    @Test
    void windowWithToNotAfterFromIs400WithoutAStackTrace() {
        Link link = httpLink();
        for (String path : new String[] { "/results?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                "/results?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                "/latency?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "/results?from=yesterday" }) {
            String body = given().when().get(link.path() + path).then().statusCode(400).contentType(ContentType.HTML)
                    .header("Cache-Control", "no-store").extract().asString();
            assertTrue(body.contains("Bad request"), path);
            assertFalse(body.contains("Exception") || body.contains("at io.") || body.contains(link.token()), path);
        }
    }

    @Test
    void resultsLimitIsCappedAt1000AndOldFromIsClampedTo90Days() {
        Link link = httpLink();
        given().when().get(link.path() + "/results?limit=5000&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                .then().statusCode(200);
        List<LoggedRequest> capped = core().findAll(getRequestedFor(urlPathEqualTo("/api/v1/targets/" + link.targetId() + "/results"))
                .withQueryParam("limit", WireMock.equalTo("1000")));
        assertEquals(1, capped.size(), "one core read with limit 1000");
        assertEquals("2025-10-03T00:00:00Z", capped.get(0).queryParameter("from").firstValue(), "from clamped to to - 90d");
        given().when().get(link.path() + "/results?limit=abc").then().statusCode(400);
        given().when().get(link.path() + "/results").then().statusCode(200);
        assertEquals(1, core().findAll(getRequestedFor(urlPathEqualTo("/api/v1/targets/" + link.targetId() + "/results"))
                .withQueryParam("limit", WireMock.equalTo("60"))).size(), "default limit 60");
    }

    @Test
    void pageHasNoOperatorChrome() {
        Link link = httpLink();
        String html = given().when().get(link.path()).then().statusCode(200).extract().asString().toLowerCase();
        for (String word : new String[] { "run check", "delete", "edit", "disable", "<form" }) {
            assertFalse(html.contains(word), word);
        }
        // The one control is "show older results", which only reads.
        assertEquals(html.split("<button", -1).length - 1, html.split("<button type=\"button\" class=\"older\" data-load-older", -1).length - 1,
                "no button but show-older");
        assertTrue(html.startsWith("<!doctype html>"));
    }
}
