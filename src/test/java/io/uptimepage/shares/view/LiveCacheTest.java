package io.uptimepage.shares.view;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.view.PublicLinks.Link;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.before;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.core;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared live-data cache: N viewers of one monitor cost one core read per TTL, and a core outage shows the last
 * good data marked stale (or an explicit "unavailable" state) instead of an error, then heals by itself.
 */
@QuarkusTest
class LiveCacheTest {

    @Inject
    PublicData data;

    @TestHTTPResource("/")
    URL app;

    static int count(RequestPatternBuilder pattern) {
        return core().countRequestsMatching(pattern.build()).getCount();
    }

    static RequestPatternBuilder read(String targetId, String path) {
        return getRequestedFor(urlPathEqualTo("/api/v1/targets/" + targetId + path));
    }

    @Test
    void twoHundredConcurrentPollsOfOneLinkCostOneCoreReadPerCall() throws Exception {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        int targetReadsByMint = count(read(t, ""));
        data.expireAll();
        // A slow core keeps the first read in flight while the other 199 requests arrive: they must join it.
        core().setGlobalFixedDelay(400);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            URI live = URI.create(app.toString().replaceAll("/$", "") + link.path() + "/live?range=24h");
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.get();
                assertEquals(200, r.statusCode());
                assertTrue(r.body().contains("99.98"), "every viewer got the data");
            }
        } finally {
            core().setGlobalFixedDelay(0);
            pool.shutdownNow();
        }
        // The data stays fresh for fresh-for (5 s); on a busy machine the 200 polls may outlast it, and each period
        // then costs one more (background) read of a key. Exactly one read per key per period, however many polls.
        int periods = 1 + (int) (Duration.ofNanos(System.nanoTime() - started).toMillis() / 5000);
        if (periods > 1) {
            await("refreshes landed").atMost(Duration.ofSeconds(30)).until(() -> data.loadsInFlight() == 0);
            assertTrue(count(read(t, "")) - targetReadsByMint <= periods, "target: one read per fresh-for");
            assertTrue(count(read(t, "/results").withQueryParam("limit", equalTo("60"))) <= periods, "results");
            return;
        }
        assertEquals(1, count(read(t, "")) - targetReadsByMint, "target");
        assertEquals(1, count(read(t, "/regions")), "regions");
        assertEquals(0, count(read(t, "/results").withQueryParam("limit", equalTo("1"))),
                "no separate read of the newest result of 7 days: the window holds it");
        assertEquals(1, count(read(t, "/results").withQueryParam("limit", equalTo("60"))), "recent results");
        assertEquals(2, count(read(t, "/uptime")), "uptime: current and prior window");
        assertEquals(1, count(read(t, "/uptime").withQueryParam("to", before("now -30 minutes"))), "prior window once");
        assertEquals(1, count(read(t, "/incidents").withQueryParam("ongoing_only", equalTo("true"))), "ongoing incidents");
        assertEquals(1, count(read(t, "/latency")), "the chart's series, which the status strip reads too");
        assertEquals(1, count(read(t, "/incidents").withQueryParam("ongoing_only", WireMock.absent())),
                "the incidents tab's rows, which the status strip reads too");
        assertEquals(8, core().findAll(getRequestedFor(WireMock.urlPathMatching("/api/v1/targets/" + t + "/.+"))).size() + 1,
                "eight core reads in all for 200 polls");
    }

    @Test
    void coreDownServesTheLastGoodLiveDataMarkedStaleThenRecovers() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        String fresh = given().when().get(link.path() + "/live").then().statusCode(200).extract().asString();
        assertFalse(fresh.contains("data-freshness"), "fresh data carries no marker");

        List<StubMapping> broken = CoreFixtures.breakCore(t);
        try {
            data.expireAll(); // older than serve-while-refreshing: the next read waits for the core
            String stale = given().when().get(link.path() + "/live").then().statusCode(200).extract().asString();
            assertTrue(stale.contains("data-freshness=\"stale\""), "stale marker");
            assertTrue(stale.contains("stale · showing data from"), "visible age");
            assertTrue(stale.contains("99.98") && stale.contains("badge badge--up"), "last good data still shown");
            String page = given().when().get(link.path()).then().statusCode(200).extract().asString();
            assertTrue(page.contains("data-freshness=\"stale\"") && page.contains("<h1>Checkout API</h1>"),
                    "the page too, with the remembered header");
        } finally {
            CoreFixtures.heal(broken);
        }
        awaitFresh(link);
    }

    @Test
    void coreDownWithNothingRememberedSaysTemporarilyUnavailable() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        List<StubMapping> broken = CoreFixtures.breakCore(t);
        try {
            String live = given().when().get(link.path() + "/live").then().statusCode(200).extract().asString();
            assertTrue(live.contains("data-freshness=\"unavailable\"") && live.contains("data temporarily unavailable"), live);
            assertFalse(live.contains("99.98"));
            String page = given().when().get(link.path()).then().statusCode(200).extract().asString();
            assertTrue(page.contains("data temporarily unavailable") && page.contains("<h1>Shared monitor</h1>"),
                    "the page still answers, with a neutral header");
            given().when().get(link.path() + "/latency").then().statusCode(503)
                    .header("Cache-Control", "no-store").header("Retry-After", "5");
            given().when().get(link.path() + "/results").then().statusCode(503).header("Retry-After", "5");
        } finally {
            CoreFixtures.heal(broken);
        }
        awaitFresh(link);
    }

    @Test
    void coreDownServesThePagesOwnResultsWindowStaleAndOtherWindows503WithRetryAfter() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        String fresh = given().when().get(link.path() + "/results").then().statusCode(200).extract().asString();
        assertFalse(fresh.contains("\"stale\""), "fresh results carry no marker: " + fresh);

        List<StubMapping> broken = CoreFixtures.breakCore(t);
        try {
            data.expireAll();
            io.restassured.response.Response stale = given().when().get(link.path() + "/results");
            assertEquals(200, stale.statusCode(), stale.asString());
            assertEquals(Boolean.TRUE, stale.path("stale"));
            assertTrue(stale.<String>path("as_of").endsWith("Z"), "when the core gave it");
            assertEquals(given().when().get(link.path() + "/results?range=24h&limit=60").path("items").toString(),
                    stale.path("items").toString(), "the same remembered rows");
            assertTrue(stale.path("items").toString().contains("timestamp"), "with rows");
            given().when().get(link.path() + "/results?from=2026-12-01T10:00:00Z&to=2026-12-01T11:00:00Z")
                    .then().statusCode(503).header("Retry-After", "5");
            given().when().get(link.path() + "/results?range=7d").then().statusCode(503).header("Retry-After", "5");
        } finally {
            CoreFixtures.heal(broken);
        }
        awaitFresh(link);
    }

    /**
     * The core is back: within a few polls (the circuit breaker may hold calls off for its delay) the region is fresh
     * again, and stays fresh across another TTL. Polls, like the page does; the cache is expired between polls.
     */
    private void awaitFresh(Link link) {
        AtomicInteger freshInARow = new AtomicInteger();
        AtomicReference<String> last = new AtomicReference<>();
        await("live region fresh twice in a row").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    data.expireAll();
                    String body = given().when().get(link.path() + "/live").then().statusCode(200).extract().asString();
                    last.set(body);
                    if (body.contains("data-freshness")) {
                        freshInARow.set(0);
                        return false;
                    }
                    return freshInARow.incrementAndGet() >= 2;
                });
        assertTrue(given().when().get(link.path() + "/live").asString().contains("99.98"), "fresh data again: " + last.get());
    }
}
