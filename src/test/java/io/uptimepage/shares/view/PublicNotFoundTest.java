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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reason a link does not work gives the SAME 404 — status, header names and values (but {@code Date}) and body
 * bytes — on every public route: nothing tells "never existed" from "revoked" from "monitor deleted".
 */
@QuarkusTest
class PublicNotFoundTest {

    /** The public cache layer: expired where a test changes the core's answer (instead of waiting out its ages). */
    @Inject
    PublicData data;

    static final List<String> ROUTES = List.of("", "/incidents", "/live?range=1h", "/incidents/live?range=7d", "/badge.svg", "/latency?range=24h",
            "/latency?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", "/results?limit=5", "/deep/unknown/path",
            "/live/extra");

    /** The reference 404: a well-formed token nobody minted, on the page route. */
    static Snapshot reference;

    record Snapshot(int status, Map<String, List<String>> headers, byte[] body) {
    }

    static Snapshot fetch(String path) {
        Response r = given().urlEncodingEnabled(false).when().get(path);
        Map<String, List<String>> headers = new TreeMap<>();
        r.headers().forEach(h -> {
            if (!h.getName().equalsIgnoreCase("Date")) {
                headers.computeIfAbsent(h.getName().toLowerCase(), k -> new ArrayList<>()).add(h.getValue());
            }
        });
        return new Snapshot(r.statusCode(), headers, r.asByteArray());
    }

    static void assertSame404(String token, String why) {
        for (String route : ROUTES) {
            Snapshot s = fetch("/m/" + token + route);
            String where = why + " on " + route;
            assertEquals(404, s.status(), where);
            assertEquals(reference.headers(), s.headers(), where);
            assertArrayEquals(reference.body(), s.body(), where);
        }
    }

    /** Taken before each test (rest-assured only knows the app's port once a test runs). */
    @BeforeEach
    void takeReference() {
        reference = fetch("/m/" + Tokens.generate());
        assertEquals(404, reference.status());
        String body = new String(reference.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("Link not found"), body);
        assertNotNull(reference.headers().get("content-security-policy"));
    }

    @Test
    void unknownTokenIs404Everywhere() {
        assertSame404(Tokens.generate(), "unknown");
    }

    @Test
    void malformedTokensAre404Everywhere() {
        assertSame404("abc", "short");
        assertSame404("x".repeat(44), "too long");
        assertSame404("%21%21not-a-token%3F%3F" + "A".repeat(30), "garbage characters");
        assertSame404("A".repeat(42) + "%2E", "43 chars, one not base64url");
    }

    @Test
    void revokedLinkIs404Everywhere() {
        Link link = workingLink();
        PublicLinks.revoke(link);
        assertSame404(link.token(), "revoked");
    }

    @Test
    void pausedLinkIs404EverywhereAndResumesWithTheSameToken() {
        Link link = workingLink();
        pause(link, true);
        assertSame404(link.token(), "paused");
        pause(link, false);
        statusesOf(link).values().forEach(s -> assertEquals(200, s, "resumed: " + statusesOf(link)));
    }

    private static void pause(Link link, boolean paused) {
        given().header("Authorization", Jwts.bearer(Jwts.operator(link.org(), "team"))).contentType("application/json")
                .body("{\"paused\":" + paused + "}")
                .when().patch("/api/v1/targets/{id}/shares/{sid}", link.targetId(), link.id())
                .then().statusCode(200);
    }

    private static Map<String, Integer> statusesOf(Link link) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (String route : ROUTES.subList(0, 6)) {
            statuses.put(route, fetch(link.path() + route).status());
        }
        return statuses;
    }

    @Test
    void expiredLinkIs404Everywhere() {
        Link link = workingLink();
        PublicLinks.sql("update shares set expires_at = now() - interval '1 second' where id = ?::uuid", link.id());
        assertSame404(link.token(), "expired");
    }

    @Test
    void linkToADeletedMonitorIs404EverywhereAndGetsRevoked() {
        Link link = workingLink();
        CoreStubs.targetNotFound(link.targetId());
        data.expireAll();
        assertSame404(link.token(), "deleted monitor");
        assertEquals("target_deleted", PublicLinks.column(link, "revoke_reason"), "revoked lazily, with the reason");
        assertNotNull(PublicLinks.column(link, "revoked_at"));
    }

    @Test
    void linkToAHeldMonitorIs404Everywhere() {
        Link link = workingLink();
        CoreStubs.heldTarget(link.org(), link.targetId());
        data.expireAll();
        assertSame404(link.token(), "held monitor");
        assertEquals(null, PublicLinks.column(link, "revoked_at"), "a hold is not a deletion: the link is not revoked");
    }

    @Test
    void unknownSubPathsAndOtherMethodsOfAWorkingLinkAreTheSame404() {
        Link link = workingLink();
        for (String route : List.of("/deep/unknown/path", "/live/extra", "/results/1", "/incidents/x", "/favicon.ico")) {
            Snapshot s = fetch(link.path() + route);
            assertEquals(404, s.status(), route);
            assertEquals(reference.headers(), s.headers(), route);
            assertArrayEquals(reference.body(), s.body(), route);
        }
        Response post = given().when().post(link.path());
        assertEquals(404, post.statusCode(), "POST");
        assertArrayEquals(reference.body(), post.asByteArray(), "POST body");
    }

    @Test
    void workingLinkIsNot404() {
        // The control for everything above: the same routes answer 200 for a working link.
        Link link = workingLink();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (String route : ROUTES.subList(0, 8)) {
            statuses.put(route, fetch(link.path() + route).status());
        }
        statuses.values().forEach(s -> assertEquals(200, s, statuses.toString()));
    }

    private static Link workingLink() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        assertEquals(200, fetch(link.path()).status(), "works before");
        return link;
    }
}
