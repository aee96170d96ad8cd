package io.uptimepage.shares.view;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.view.PublicLinks.Link;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN §3 headers on every {@code /m/{token}…} response (the 404 and the 400 included); immutable assets. */
@QuarkusTest
class PublicHeadersTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static void assertPublicHeaders(Response r, String where) {
        assertEquals("no-store", r.header("Cache-Control"), where);
        assertEquals("no-referrer", r.header("Referrer-Policy"), where);
        assertEquals("noindex, nofollow", r.header("X-Robots-Tag"), where);
        assertEquals("nosniff", r.header("X-Content-Type-Options"), where);
        assertEquals(CSP, r.header("Content-Security-Policy"), where);
        assertNull(r.header("Set-Cookie"), where);
    }

    @Test
    void everyPublicResponseCarriesTheHeaders() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        Map<String, Integer> routes = Map.of(
                "", 200, "/incidents", 200, "/live", 200, "/latency", 200, "/results", 200,
                "/results?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", 400, "/nope", 404);
        routes.forEach((route, status) -> {
            Response r = given().when().get(link.path() + route);
            assertEquals(status, r.statusCode(), route);
            assertPublicHeaders(r, route);
        });
        assertPublicHeaders(given().when().get("/m/" + Tokens.generate()), "unknown token");
        assertPublicHeaders(given().when().get("/m/bad"), "malformed token");
        assertPublicHeaders(given().when().get("/m/_/" + Assets.VERSION + "/missing.js"), "missing asset");
    }

    /**
     * The monitor tab and its live region are served outside JAX-RS ({@link PublicRoutes}): HEAD answers like GET
     * without the body, and a dead link's HEAD is the same 404 as its GET, headers included.
     */
    @Test
    void headOfThePageAndLiveRegionIsTheGetWithoutItsBody() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        for (String route : List.of("", "/live")) {
            Response get = given().header("Accept-Encoding", "identity").when().get(link.path() + route);
            Response head = given().header("Accept-Encoding", "identity").when().head(link.path() + route);
            assertEquals(200, head.statusCode(), route);
            assertPublicHeaders(head, "HEAD " + route);
            assertEquals(get.contentType(), head.contentType(), route);
            assertEquals(get.header("Vary"), head.header("Vary"), route);
            assertTrue(get.asByteArray().length > 1000, route);
            assertEquals(0, head.asByteArray().length, route);
        }
        for (String dead : List.of("/m/" + Tokens.generate(), "/m/" + Tokens.generate() + "/live", "/m/bad/live")) {
            Response get = given().header("Accept-Encoding", "identity").when().get(dead);
            Response head = given().header("Accept-Encoding", "identity").when().head(dead);
            assertEquals(404, head.statusCode(), dead);
            assertPublicHeaders(head, "HEAD " + dead);
            assertEquals(get.contentType(), head.contentType(), dead);
            assertEquals(0, head.asByteArray().length, dead);
        }
    }

    @Test
    void htmlAndJsonAreTypedAsSuch() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        assertTrue(given().get(link.path()).contentType().startsWith("text/html"));
        assertTrue(given().get(link.path() + "/live").contentType().startsWith("text/html"));
        assertTrue(given().get(link.path() + "/latency").contentType().startsWith("application/json"));
        assertTrue(given().get(link.path() + "/results").contentType().startsWith("application/json"));
    }

    @Test
    void assetsAreServedUnderTheVersionedPathWithImmutableCaching() {
        Map<String, String> types = Map.of("share.css", "text/css", "share.js", "text/javascript", "favicon.svg",
                "image/svg+xml", "uPlot.min.js", "text/javascript", "uPlot.min.css", "text/css");
        types.forEach((name, type) -> {
            Response r = given().when().get("/m/_/" + Assets.VERSION + "/" + name);
            assertEquals(200, r.statusCode(), name);
            assertTrue(r.contentType().startsWith(type), name + " " + r.contentType());
            assertEquals("public, max-age=31536000, immutable", r.header("Cache-Control"), name);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), name);
        });
    }

    @Test
    void anOutdatedAssetVersionIsServedButNeverCachedAsImmutable() {
        Response r = given().when().get("/m/_/000000000000/share.css");
        assertEquals(200, r.statusCode());
        assertEquals("no-store", r.header("Cache-Control"));
    }

    @Test
    void pageScriptUsesNothingTheCspForbids() {
        String js = given().when().get("/m/_/" + Assets.VERSION + "/share.js").asString();
        for (String banned : List.of("eval(", "new Function", "setTimeout('", "setTimeout(\"", "document.write", "http://",
                "https://", "/api/")) {
            assertFalse(js.contains(banned), banned);
        }
        assertTrue(js.contains("base + path + '?range='") && js.contains("base + '/latency?range='")
                && js.contains("base + '/results?from='"), "URLs built from the page path");
    }
}
