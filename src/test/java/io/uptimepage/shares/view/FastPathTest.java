package io.uptimepage.shares.view;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.view.PublicLinks.Link;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.uptimepage.shares.support.CoreStubs.core;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The busy-link fast path (issue 9): a warm link never makes a viewer wait for the core (serve, then ONE background
 * refresh), the shared rendered bytes go out gzip to clients that accept it and plain otherwise, and a page rendering
 * shared by the viewers of one link never shows another link's token.
 */
@QuarkusTest
class FastPathTest {

    @Inject
    PublicData data;

    @TestHTTPResource("/")
    URL app;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private URI uri(String path) {
        return URI.create(app.toString().replaceAll("/$", "") + path);
    }

    private HttpResponse<byte[]> fetch(String path, String acceptEncoding, Duration timeout) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).timeout(timeout);
        if (acceptEncoding != null) {
            r.header("Accept-Encoding", acceptEncoding);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int uptimeReads(String targetId) {
        return core().countRequestsMatching(getRequestedFor(urlPathEqualTo("/api/v1/targets/" + targetId + "/uptime"))
                .build()).getCount();
    }

    @Test
    void aWarmLinkPastItsFreshAgeIsServedAtOnceWhileOneBackgroundRefreshRuns() throws Exception {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        assertEquals(200, fetch(link.path() + "/live?range=24h", null, Duration.ofSeconds(10)).statusCode());
        int readsWhenWarm = uptimeReads(t);

        // The core now answers new numbers, slowly (1 s, well within the core client's 3 s timeout). A viewer who waited
        // for the refresh would get the new numbers; a viewer served at once gets the remembered ones.
        core().stubFor(get(urlPathEqualTo("/api/v1/targets/" + t + "/uptime")).atPriority(1)
                .withHeader("X-Uptimepage-Org", equalTo(org))
                .willReturn(aResponse().withFixedDelay(1000).withHeader("Content-Type", "application/json")
                        .withBody("{\"total\": 100, \"up\": 97, \"down\": 3, \"degraded\": 0, \"error\": 0,"
                                + " \"uptime_pct\": 97.25}")));
        data.ageAll(); // older than fresh-for, younger than serve-while-refreshing
        long loadsBefore = data.loadsStarted();

        List<CompletableFuture<HttpResponse<String>>> viewers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            viewers.add(http.sendAsync(HttpRequest.newBuilder(uri(link.path() + "/live?range=24h"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> viewer : viewers) {
            HttpResponse<String> r = viewer.get();
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("99.98") && !r.body().contains("97.25") && !r.body().contains("data-freshness"),
                    "served at once with the remembered data (not marked stale), not after waiting for the refresh");
        }
        await("the background refresh lands").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> new String(fetch(link.path() + "/live?range=24h", null, Duration.ofSeconds(30)).body(),
                        StandardCharsets.UTF_8).contains("97.25"));
        // One background load per key for all 30 viewers and the polls after them: the monitor, the 24h window, and
        // the status strip's two (the chart's latency series and the incidents tab's rows).
        assertEquals(4, data.loadsStarted() - loadsBefore, "one background refresh per key");
        assertTrue(uptimeReads(t) - readsWhenWarm >= 2, "the window's refresh read both uptimes");
    }

    @Test
    void pagesAndRegionsGoOutGzipWhenAcceptedAndPlainOtherwiseWithVary() throws Exception {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        for (String path : new String[] { "", "/live", "/incidents", "/incidents/live", "/badge.svg" }) {
            HttpResponse<byte[]> plain = fetch(link.path() + path, null, Duration.ofSeconds(10));
            HttpResponse<byte[]> gz = fetch(link.path() + path, "br;q=1.0, gzip;q=0.8, *;q=0.1", Duration.ofSeconds(10));
            assertEquals(200, plain.statusCode(), path);
            assertNull(plain.headers().firstValue("Content-Encoding").orElse(null), path);
            assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(null), path);
            assertEquals("Accept-Encoding", plain.headers().firstValue("Vary").orElse(null), path);
            assertEquals("Accept-Encoding", gz.headers().firstValue("Vary").orElse(null), path);
            assertEquals(Long.toString(gz.body().length), gz.headers().firstValue("Content-Length").orElse(null),
                    "Content-Length is the compressed length: " + path);
            assertTrue(gz.body().length < plain.body().length, path);
            // The same rendering, unless a second boundary fell between the two requests ("ago" texts, times).
            String inflated = new String(gunzip(gz.body()), StandardCharsets.UTF_8);
            String text = new String(plain.body(), StandardCharsets.UTF_8);
            assertEquals(text.replaceAll("[0-9]+", "0"), inflated.replaceAll("[0-9]+", "0"), "gzip inflates to the page: " + path);
        }
        for (String refused : new String[] { "gzip;q=0", "identity", "deflate", "gzip;q=x", "gzipx", ";;;,,,",
                "gzip;q=0, br", "x".repeat(600) + ", gzip" }) {
            HttpResponse<byte[]> r = fetch(link.path() + "/live", refused, Duration.ofSeconds(10));
            assertEquals(200, r.statusCode(), refused);
            assertFalse(r.headers().firstValue("Content-Encoding").isPresent(), "no gzip for '" + refused + "'");
        }
        HttpResponse<byte[]> star = fetch(link.path() + "/live", "*", Duration.ofSeconds(10));
        assertEquals("gzip", star.headers().firstValue("Content-Encoding").orElse(null), "* allows gzip");
    }

    @Test
    void twoLinksToOneMonitorEachGetPagesWithOnlyTheirOwnToken() throws Exception {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link a = mint(org, t);
        Link b = mint(org, t);
        for (int round = 0; round < 3; round++) {
            for (String view : new String[] { "", "?view=tv", "?view=embed" }) {
                for (String tab : new String[] { "", "/incidents" }) {
                    String pageA = new String(body(a.path() + tab + view), StandardCharsets.UTF_8);
                    String pageB = new String(body(b.path() + tab + view), StandardCharsets.UTF_8);
                    assertFalse(pageA.contains(b.token()), "A's page shows B's token: " + tab + view);
                    assertFalse(pageB.contains(a.token()), "B's page shows A's token: " + tab + view);
                    if (view.isEmpty()) { // the normal page links its tabs under its own token
                        assertTrue(pageA.contains(a.path() + "/incidents") && pageB.contains(b.path() + "/incidents"));
                    }
                }
            }
        }
        // The regions and the badge are the same for every link to the monitor: they carry no token at all.
        for (String part : new String[] { "/live", "/incidents/live", "/badge.svg" }) {
            String body = new String(body(a.path() + part), StandardCharsets.UTF_8);
            assertFalse(body.contains(a.token()) || body.contains(b.token()), part + " carries a token");
        }
    }

    @Test
    void theGzipFormInflatesToExactlyThePlainBytes() throws Exception {
        String text = "<p>caf\u00e9 \u2713 " + "row ".repeat(5000) + "</p>";
        EncodedBody body = EncodedBody.of(text);
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, body.plainLength());
        assertTrue(body.gzipLength() < body.plainLength() / 10, "compressed: " + body.gzipLength());
        jakarta.ws.rs.core.Response gz = body.ok(PublicResponses.HTML, "gzip");
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8),
                gunzip(((io.vertx.core.buffer.Buffer) gz.getEntity()).getBytes()));
        assertEquals("gzip", gz.getHeaderString("Content-Encoding"));
        jakarta.ws.rs.core.Response plain = body.ok(PublicResponses.HTML, null);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), ((io.vertx.core.buffer.Buffer) plain.getEntity()).getBytes());
        assertNull(plain.getHeaderString("Content-Encoding"));
        assertEquals("Accept-Encoding", plain.getHeaderString("Vary"));
    }

    @Test
    void acceptEncodingParsingRefusesAnythingItCannotReadAsGzip() {
        assertTrue(EncodedBody.acceptsGzip("gzip"));
        assertTrue(EncodedBody.acceptsGzip("GZIP"));
        assertTrue(EncodedBody.acceptsGzip("deflate, gzip;q=0.5"));
        assertTrue(EncodedBody.acceptsGzip("x-gzip"));
        assertTrue(EncodedBody.acceptsGzip(" gzip ; Q=1 "));
        assertFalse(EncodedBody.acceptsGzip(null));
        assertFalse(EncodedBody.acceptsGzip(""));
        assertFalse(EncodedBody.acceptsGzip("gzip;q=0"));
        assertFalse(EncodedBody.acceptsGzip("gzip;q=0.000"));
        assertFalse(EncodedBody.acceptsGzip("gzip;q=-1"));
        assertFalse(EncodedBody.acceptsGzip("gzip;q=NaN"));
        assertFalse(EncodedBody.acceptsGzip("gzip;q="));
        assertFalse(EncodedBody.acceptsGzip("*;q=0"));
        assertFalse(EncodedBody.acceptsGzip("gzip;q=0, *"), "an explicit gzip;q=0 wins over *");
        assertFalse(EncodedBody.acceptsGzip("gzip\u0000"));
        assertFalse(EncodedBody.acceptsGzip("g".repeat(10_000)));
    }

    private byte[] body(String path) throws Exception {
        HttpResponse<byte[]> r = fetch(path, "gzip", Duration.ofSeconds(10));
        assertEquals(200, r.statusCode(), path);
        return "gzip".equals(r.headers().firstValue("Content-Encoding").orElse("")) ? gunzip(r.body()) : r.body();
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
