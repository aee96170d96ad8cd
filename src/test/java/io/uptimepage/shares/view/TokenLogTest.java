package io.uptimepage.shares.view;

import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.support.CoreStubs;
import io.uptimepage.shares.support.LogCapture;
import io.uptimepage.shares.support.RawHttp;
import io.uptimepage.shares.view.PublicLinks.Link;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token is a capability: it must never reach a log line, whatever happens to the request. */
@QuarkusTest
class TokenLogTest {

    @Inject
    ViewCounter views;

    @Test
    void theTokenNeverAppearsInAnyLogLine() {
        LogCapture capture = LogCapture.start();
        Link link;
        try (capture) {
            String org = newOrg(), t = newTargetId();
            httpMonitor(org, t);
            link = mint(org, t);
            for (String route : List.of("", "?range=1h", "/incidents", "/live", "/latency", "/results?limit=3",
                    "/results?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "/no/such/path")) {
                given().get(link.path() + route).then().statusCode(lessThan(500));
            }
            given().post(link.path()).then().statusCode(404);
            views.flushNow();
            // A deleted monitor (lazy revoke) and then the revoked link.
            CoreStubs.targetNotFound(t);
            given().get(link.path() + "/live?range=7d").then().statusCode(anyOf(
                    is(200), is(404)));
            given().get(link.path() + "/live?range=30d").then().statusCode(anyOf(
                    is(200), is(404)));
        }
        assertTrue(capture.lines.size() > 10, "log captured: " + capture.lines.size());
        assertTrue(capture.lines.stream().anyMatch(l -> l.startsWith(TokenSafeAccessLog.CATEGORY)
                && l.contains("GET /m/{token}/live 200") && l.contains("ref=")), "token-safe access log is on");
        String prefix = link.token().substring(0, 12);
        for (String line : capture.lines) {
            assertFalse(line.contains(link.token()), "token in: " + line);
            assertFalse(line.contains(prefix), "token prefix in: " + line);
        }
    }

    /**
     * The router serves these request targets as the link's own routes after normalising them (or, for the
     * upper-case and {@code %2F} shapes, answers 404 without matching), so a log line built from the raw path
     * carried the token. The access log and the error log write the matched route template or a placeholder.
     */
    @Test
    void pathShapesTheRouterNormalisesNeverPutTheTokenInALogLineOrMetricLabel() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        String token = link.token();
        List<String> shapes = List.of("/m//" + token, "/m/./" + token, "/m/a/../" + token, "/%6D/" + token,
                "/x/../m/" + token, "/m/_/../" + token, "/M/" + token, "/m/" + token + "%2Flive", "/m%2F" + token,
                "/m/%2F" + token, "//m/" + token + "/live", "/m/" + token + "/./live", "/m/" + token + "//live",
                "/%6d/" + token + "/%6Cive", "/m/_/x/../../" + token + "/results", "/m/" + token + "/live/..",
                "/m/" + token + "/..", "/m/" + token + "/no/such/path", "/api/../m/" + token, "/m/" + token + "%00",
                "/m/" + token + ";x=1/live", "/m/" + token + "/%2e%2e/" + token);
        LogCapture capture = LogCapture.start();
        try (capture) {
            for (String shape : shapes) {
                RawHttp.Response r = RawHttp.get(shape);
                assertTrue(r.status() < 500, shape + " → " + r.status());
            }
            // An error-log line (5xx path) from a normalised shape: the core fails on this link's live read.
            CoreStubs.targetUnreachable(t);
            RawHttp.get("/m//" + token + "/live?range=7d");
            RawHttp.get("/m/./" + token + "/latency?from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z");
        }
        String prefix = token.substring(0, 12);
        for (String line : capture.lines) {
            assertFalse(line.contains(prefix), "token in: " + line);
        }
        assertTrue(capture.lines.stream().anyMatch(l -> l.startsWith(TokenSafeAccessLog.CATEGORY)
                && l.contains("GET /m/{token} 200")), "the normalised shapes are logged by their route template");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(prefix), "a token appears in /q/metrics");
    }
}
