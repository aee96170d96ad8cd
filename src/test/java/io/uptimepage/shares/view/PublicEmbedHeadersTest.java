package io.uptimepage.shares.view;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.support.CoreStubs;
import io.uptimepage.shares.support.Jwts;
import io.uptimepage.shares.view.PublicLinks.Link;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * DESIGN §12 embedding, on the wire: a link whose {@code embed_origins} lists origins answers its successful
 * {@code /m/{token}…} requests with {@code frame-ancestors <those origins>} and no {@code X-Frame-Options}; a link
 * without origins, every error answer, and every 404 (whatever made the link dead) keep {@code frame-ancestors 'none'}
 * with {@code X-Frame-Options: DENY} — the 404 of a dead framable link is the uniform 404, headers and bytes.
 */
@QuarkusTest
class PublicEmbedHeadersTest {

    static final String WIKI = "https://wiki.example.com";
    static final String GRAFANA = "https://grafana.example.com:8443";
    static final String FRAMABLE = framableBy(WIKI + " " + GRAFANA);

    /** Every successful route of a working link. */
    static final List<String> OK_ROUTES = List.of("", "?view=embed", "/incidents", "/incidents?view=embed", "/live",
            "/incidents/live", "/latency", "/results", "/badge.svg");

    /** The strict CSP of DESIGN §3 with {@code frame-ancestors} naming {@code sources} instead of 'none'. */
    static String framableBy(String sources) {
        return PublicHeadersTest.CSP.replace("frame-ancestors 'none'", "frame-ancestors " + sources);
    }

    @Inject
    PublicData data;

    @BeforeEach
    void takeReference() {
        PublicNotFoundTest.reference = PublicNotFoundTest.fetch("/m/" + Tokens.generate());
        assertEquals(404, PublicNotFoundTest.reference.status());
        assertEquals(List.of("DENY"), PublicNotFoundTest.reference.headers().get("x-frame-options"));
    }

    static Link framableLink() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        setOrigins(link, "[\"" + WIKI + "\", \"" + GRAFANA + "\"]");
        return link;
    }

    static void setOrigins(Link link, String json) {
        given().header("Authorization", Jwts.bearer(Jwts.operator(link.org(), "team"))).contentType("application/json")
                .body("{\"embed_origins\":" + json + "}")
                .when().patch("/api/v1/targets/{id}/shares/{sid}", link.targetId(), link.id())
                .then().statusCode(200);
    }

    static void assertFramableBy(Response r, String csp, String where) {
        assertEquals(csp, r.header("Content-Security-Policy"), where);
        assertNull(r.header("X-Frame-Options"), where);
        assertEquals("no-store", r.header("Cache-Control"), where);
        assertEquals("no-referrer", r.header("Referrer-Policy"), where);
        assertEquals("noindex, nofollow", r.header("X-Robots-Tag"), where);
        assertEquals("nosniff", r.header("X-Content-Type-Options"), where);
    }

    static void assertNotFramable(Response r, String where) {
        assertEquals(PublicHeadersTest.CSP, r.header("Content-Security-Policy"), where);
        assertEquals("DENY", r.header("X-Frame-Options"), where);
        PublicHeadersTest.assertPublicHeaders(r, where);
    }

    @Test
    void aLinkWithEmbedOriginsMayBeFramedByExactlyThoseOriginsOnEverySuccessfulRoute() {
        Link link = framableLink();
        for (String route : OK_ROUTES) {
            Response r = given().when().get(link.path() + route);
            assertEquals(200, r.statusCode(), route);
            assertFramableBy(r, FRAMABLE, route);
        }
    }

    @Test
    void errorAnswersOfAFramableLinkStayUnframable() {
        Link link = framableLink();
        Map<String, Integer> errors = Map.of(
                "/results?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", 400,
                "/latency?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", 400,
                "/deep/unknown/path", 404, "/live/extra", 404);
        errors.forEach((route, status) -> {
            Response r = given().when().get(link.path() + route);
            assertEquals(status, r.statusCode(), route);
            assertNotFramable(r, route);
        });
    }

    @Test
    void aLinkWithoutEmbedOriginsIsNeverFramable() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        for (String route : OK_ROUTES) {
            Response r = given().when().get(link.path() + route);
            assertEquals(200, r.statusCode(), route);
            assertNotFramable(r, route);
        }
    }

    @Test
    void clearingTheOriginsTakesEffectOnTheNextRequest() {
        Link link = framableLink();
        assertFramableBy(given().get(link.path()), FRAMABLE, "before");
        setOrigins(link, "[\"" + GRAFANA + "\"]");
        assertFramableBy(given().get(link.path()), framableBy(GRAFANA), "one left");
        setOrigins(link, "[]");
        assertNotFramable(given().get(link.path()), "cleared");
        assertNotFramable(given().get(link.path() + "/live"), "cleared, live");
    }

    @Test
    void aDeadFramableLinkGivesTheUniform404() {
        Link revoked = framableLink();
        PublicLinks.revoke(revoked);
        PublicNotFoundTest.assertSame404(revoked.token(), "revoked framable");

        Link expired = framableLink();
        PublicLinks.sql("update shares set expires_at = now() - interval '1 second' where id = ?::uuid", expired.id());
        PublicNotFoundTest.assertSame404(expired.token(), "expired framable");

        Link paused = framableLink();
        given().header("Authorization", Jwts.bearer(Jwts.operator(paused.org(), "team"))).contentType("application/json")
                .body("{\"paused\":true}").when().patch("/api/v1/targets/{id}/shares/{sid}", paused.targetId(), paused.id())
                .then().statusCode(200);
        PublicNotFoundTest.assertSame404(paused.token(), "paused framable");

        // The link resolves in the database but its monitor is gone: resolved far enough to know the origins.
        Link deleted = framableLink();
        CoreStubs.targetNotFound(deleted.targetId());
        data.expireAll();
        PublicNotFoundTest.assertSame404(deleted.token(), "deleted-monitor framable");
    }

    @Test
    void aStoredOriginThatCouldAddADirectiveIsNeverSent() {
        // The column's check constraint only asks for https://[^ /]+; the API never writes these, a hand edit could.
        for (String stored : List.of("https://a.example;script-src", "https://a.example'unsafe-inline'",
                "https://a.example,b.example", "https://A.EXAMPLE")) {
            String org = newOrg(), t = newTargetId();
            httpMonitor(org, t);
            Link link = mint(org, t);
            PublicLinks.sql("update shares set embed_origins = ? where id = ?::uuid", stored, link.id());
            assertEquals(stored, PublicLinks.column(link, "embed_origins"));
            assertNotFramable(given().get(link.path()), stored);
        }
        Link mixed = framableLink();
        PublicLinks.sql("update shares set embed_origins = ? where id = ?::uuid", WIKI + " https://x.example;img-src", mixed.id());
        assertFramableBy(given().get(mixed.path()), framableBy(WIKI), "the sound one only");
    }
}
