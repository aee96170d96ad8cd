package io.uptimepage.shares.view;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.uptimepage.shares.view.PublicLinks.Link;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.breakCore;
import static io.uptimepage.shares.view.CoreFixtures.heal;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /m/{token}/badge.svg} (DESIGN §12): status + 24 h uptime, public headers, no token, dies with its link. */
@QuarkusTest
class PublicBadgeTest {

    @Test
    void aBadgeAloneReadsOnlyWhatItShowsNotTheStatusStripsSeriesOrIncidents() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        given().get(link.path() + "/badge.svg").then().statusCode(200);
        assertEquals(0, LiveCacheTest.count(LiveCacheTest.read(t, "/latency")), "no latency series for a badge");
        assertEquals(0, LiveCacheTest.count(LiveCacheTest.read(t, "/incidents")
                .withQueryParam("ongoing_only", com.github.tomakehurst.wiremock.client.WireMock.absent())),
                "no incident rows for a badge");
        assertEquals(1, LiveCacheTest.count(LiveCacheTest.read(t, "/uptime")
                .withQueryParam("to", com.github.tomakehurst.wiremock.client.WireMock.before("now -30 minutes"))),
                "the 24 h window it shows was read (its prior window once)");
    }

    @Test
    void badgeShowsStatusAnd24hUptimeAsWellFormedSvgWithoutTheToken() throws Exception {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        Response r = given().when().get(link.path() + "/badge.svg");
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("image/svg+xml"), r.contentType());
        PublicHeadersTest.assertPublicHeaders(r, "badge.svg");
        String body = r.asString();
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.asByteArray()));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertEquals("uptime 24h: up · 99.98 %", svg.getElementsByTagName("title").item(0).getTextContent());
        assertFalse(body.contains(link.token()), "no token in the badge");
        assertFalse(body.contains(t), "no target id in the badge");
        assertFalse(body.contains("href"), "no link in the badge");
    }

    @Test
    void coreDownWithNothingRememberedReadsUnknownNotAnError() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        List<com.github.tomakehurst.wiremock.stubbing.StubMapping> broken = breakCore(t);
        try {
            Response r = given().when().get(link.path() + "/badge.svg");
            assertEquals(200, r.statusCode(), r.asString());
            assertTrue(r.asString().contains("<title>uptime 24h: unknown · no data</title>"), r.asString());
        } finally {
            heal(broken);
        }
    }

    @Test
    void aRevokedLinksBadgeIsTheSame404AsAnUnknownToken() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        assertEquals(200, given().get(link.path() + "/badge.svg").statusCode());
        PublicLinks.revoke(link);
        Response dead = given().get(link.path() + "/badge.svg");
        Response unknown = given().get("/m/" + io.uptimepage.shares.crypto.Tokens.generate() + "/badge.svg");
        assertEquals(404, dead.statusCode());
        assertEquals(unknown.asString(), dead.asString());
        assertEquals(unknown.contentType(), dead.contentType());
        PublicHeadersTest.assertPublicHeaders(dead, "dead badge");
    }
}
