package io.uptimepage.shares.view;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.view.PublicLinks.Link;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.core;
import static io.uptimepage.shares.support.CoreStubs.json;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.LiveCacheTest.count;
import static io.uptimepage.shares.view.LiveCacheTest.read;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN §3 "Isolation": nothing one viewer or one monitor does degrades another monitor's page. A core 4xx is an
 * answer (never retried, never counted by a breaker), breakers are per monitor, and sub-second windows never reach
 * the core as an empty window.
 */
@QuarkusTest
class IsolationTest {

    /** The core's answer to an empty or reversed window (its {@code BAD_TIME_RANGE}). */
    static final String BAD_TIME_RANGE = "{\"error\":{\"code\":\"BAD_TIME_RANGE\",\"message\":\"'to' must be strictly "
            + "greater than 'from'\",\"field\":\"to\",\"details\":null,\"trace_id\":null}}";

    @Inject
    PublicData data;

    @Test
    void aMonitorTheCoreRejectsAndAMonitorTheCoreFailsNeverDegradeAThirdMonitorsPage() {
        String org = newOrg(), a = newTargetId(), b = newTargetId(), c = newTargetId();
        httpMonitor(org, a);
        httpMonitor(org, b);
        httpMonitor(org, c);
        Link rejected = mint(org, a), failing = mint(org, b), healthy = mint(org, c);
        // A: every read of its data is refused (400); B: every call fails (500).
        StubMapping refuse = core().stubFor(get(urlPathMatching("/api/v1/targets/" + a + "/(results|latency|uptime|incidents)"))
                .atPriority(1).willReturn(json(400, BAD_TIME_RANGE)));
        List<StubMapping> broken = CoreFixtures.breakCore(b);
        try {
            assertFresh(healthy);
            String window = "?from=2026-12-01T10:00:00Z&to=2026-12-01T11:00:00Z";
            for (int i = 0; i < 12; i++) {
                int aReadsBefore = count(read(a, "/results"));
                given().get(rejected.path() + "/results" + window).then().statusCode(400);
                assertEquals(1, count(read(a, "/results")) - aReadsBefore, "a core 400 is asked once: never retried");
                given().get(failing.path() + "/results" + window).then().statusCode(503).header("Retry-After", "5");
                given().get(rejected.path() + "/live").then().statusCode(200);
                given().get(failing.path() + "/live").then().statusCode(200);
                assertFresh(healthy);
            }
            // A's breaker never opened: its 13th refused read still reaches the core, and is still a 400.
            int aReadsBefore = count(read(a, "/results"));
            given().get(rejected.path() + "/results" + window).then().statusCode(400);
            assertEquals(1, count(read(a, "/results")) - aReadsBefore, "A's breaker is closed");
            // B's breaker did open (12 × 3 attempts, all failures), and it is the only one.
            assertEquals(1, openBreakers(), "only the failing monitor's breaker is open");
            // Background refreshes the /live polls above started must land first: they are not this request's calls.
            await("no core read in flight").atMost(Duration.ofSeconds(30)).until(() -> data.loadsInFlight() == 0);
            int bCallsBefore = core().findAll(com.github.tomakehurst.wiremock.client.WireMock
                    .getRequestedFor(urlPathMatching("/api/v1/targets/" + b + "(/.*)?"))).size();
            given().get(failing.path() + "/results" + window).then().statusCode(503).header("Retry-After", "5");
            assertEquals(bCallsBefore, core().findAll(com.github.tomakehurst.wiremock.client.WireMock
                    .getRequestedFor(urlPathMatching("/api/v1/targets/" + b + "(/.*)?"))).size(),
                    "B's open breaker fails fast without calling the core");
            assertFresh(healthy);
        } finally {
            core().removeStub(refuse);
            CoreFixtures.heal(broken);
        }
    }

    @Test
    void twelveSubSecondWindowsAreServedAsWholeSecondsAndAnotherMonitorsPageStaysFresh() {
        String org = newOrg(), probed = newTargetId(), other = newTargetId();
        httpMonitor(org, probed);
        httpMonitor(org, other);
        Link link = mint(org, probed);
        // The core refuses an empty window, as the real one does; a rounded-out window gets the fixture page.
        StubMapping empty = core().stubFor(get(urlPathMatching("/api/v1/targets/" + probed + "/results")).atPriority(1)
                .withQueryParam("from", equalTo("2026-12-02T10:00:00Z")).withQueryParam("to", equalTo("2026-12-02T10:00:00Z"))
                .willReturn(json(400, BAD_TIME_RANGE)));
        try {
            for (int i = 0; i < 12; i++) {
                given().get(link.path() + "/results?from=2026-12-02T10:00:00.1Z&to=2026-12-02T10:00:00.5Z")
                        .then().statusCode(200);
            }
            assertEquals(12, count(read(probed, "/results").withQueryParam("from", equalTo("2026-12-02T10:00:00Z"))
                    .withQueryParam("to", equalTo("2026-12-02T10:00:01Z"))), "from rounded down, to rounded up");
            assertEquals(0, openBreakers());
            Link fresh = mint(org, other);
            String page = given().get(fresh.path()).then().statusCode(200).extract().asString();
            assertFalse(page.contains("data-freshness"), "another monitor's fresh link shows fresh data");
            assertFresh(fresh);
        } finally {
            core().removeStub(empty);
        }
    }

    @Test
    void aReversedOrEmptyWindowIsA400WithoutAnyCoreCall() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        int before = count(read(t, "/results")) + count(read(t, "/latency"));
        for (String window : new String[] { "from=2026-12-02T10:00:00.5Z&to=2026-12-02T10:00:00.1Z",
                "from=2026-12-02T10:00:00.3Z&to=2026-12-02T10:00:00.3Z", "from=2026-12-02T10:00:00Z&to=2026-12-02T10:00:00Z",
                "from=2026-12-02T11:00:00Z&to=2026-12-02T10:00:00Z", "from=%2B300000-01-01T00:00:00Z",
                "to=-999999999-01-01T00:00:00Z", "from=2026-13-01T00:00:00Z", "to=1764669600", "from=2026-12-02T10:00:00.1" }) {
            given().get(link.path() + "/results?" + window).then().statusCode(400);
            given().get(link.path() + "/latency?" + window).then().statusCode(400);
        }
        assertEquals(before, count(read(t, "/results")) + count(read(t, "/latency")), "no core call for a bad window");
    }

    private void assertFresh(Link link) {
        data.expireAll();
        String live = given().get(link.path() + "/live").then().statusCode(200).extract().asString();
        assertFalse(live.contains("data-freshness"), "healthy monitor's live region is fresh: " + live);
        assertTrue(live.contains("99.98"), "with its data");
    }

    private static final Pattern OPEN = Pattern.compile("(?m)^shares_core_breakers_open(\\{[^}]*})? ([0-9.]+)$");

    static long openBreakers() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = OPEN.matcher(metrics);
        assertTrue(m.find(), "gauge shares_core_breakers_open is exported");
        return (long) Double.parseDouble(m.group(2));
    }
}
