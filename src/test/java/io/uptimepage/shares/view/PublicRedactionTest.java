package io.uptimepage.shares.view;

import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.view.PublicLinks.Link;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.CoreFixtures.monitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No credential of the monitor reaches a viewer: not in the page, the incidents tab, the live region, or the JSON. */
@QuarkusTest
class PublicRedactionTest {

    /** Every secret planted in {@code target-http.json}. */
    static final List<String> HTTP_SECRETS = List.of("svc-pass-7781", "svc-user", "QUERYSECRET-1", "api_key=", "frag-SECRET",
            "HEADERSECRET-42", "BODYSECRET-9", "basic-user-SECRET", "basic-pass-SECRET", "BEARERSECRET-123");

    /** Every secret planted in {@code target-flow.json}. */
    static final List<String> FLOW_SECRETS = List.of("FLOWPASS-77", "flow-user", "FLOWQUERY-3", "GOTOSECRET-8", "FILLSECRET-5",
            "ops@example.com");

    static final List<String> ROUTES = List.of("", "?range=1h", "?range=30d", "/incidents", "/incidents?range=90d",
            "/live", "/live?range=7d", "/latency", "/latency?range=30d",
            "/latency?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", "/results", "/results?limit=1000");

    static void assertNoSecrets(Link link, List<String> secrets) {
        for (String route : ROUTES) {
            String body = given().when().get(link.path() + route).then().statusCode(200).extract().asString();
            for (String secret : secrets) {
                assertFalse(body.contains(secret), secret + " leaked on " + route);
            }
        }
    }

    @Test
    void noSecretOfAnHttpCheckReachesAnyPublicResponse() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        assertNoSecrets(link, HTTP_SECRETS);
        // The configuration block still tells what is configured: header names, and that auth exists.
        String page = given().when().get(link.path()).then().statusCode(200).extract().asString();
        assertTrue(page.contains("&quot;X-Api-Key&quot; : &quot;***&quot;"), "header key kept, value masked");
        assertTrue(page.contains("&quot;basic_auth&quot; : [ &quot;***&quot;, &quot;***&quot; ]"), "basic auth shape kept");
        assertTrue(page.contains("&quot;body&quot; : &quot;***&quot;"), "body masked");
        assertTrue(page.contains("&quot;url&quot; : &quot;https://api.example.com/health&quot;"), "url stripped");
    }

    @Test
    void noSecretOfAFlowCheckReachesAnyPublicResponse() {
        String org = newOrg(), t = newTargetId();
        monitor(org, t, "target-flow.json", "results-latest.json", "results.json");
        Link link = mint(org, t);
        assertNoSecrets(link, FLOW_SECRETS);
        String page = given().when().get(link.path()).then().statusCode(200).extract().asString();
        assertTrue(page.contains("&quot;url&quot; : &quot;https://app.example.com/login&quot;"), "goto url stripped");
        assertTrue(java.util.regex.Pattern.compile("&quot;#password&quot;,\\s*&quot;value&quot; : &quot;\\*\\*\\*&quot;")
                .matcher(page).find(), "fill selector kept, value masked");
    }

    @Test
    void noIdsOfTheOrgOrTargetReachTheJson() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        for (String route : List.of("/results", "/latency", "/live", "")) {
            String body = given().when().get(link.path() + route).then().statusCode(200).extract().asString();
            assertFalse(body.contains(t), "target id on " + route);
            assertFalse(body.contains("0192c5a0-0000-7000-8000-00000000a11a"), "org id on " + route);
            assertFalse(body.contains(org), "org slug on " + route);
            assertEquals(-1, body.indexOf("owner_user_id"), route);
        }
    }
}
