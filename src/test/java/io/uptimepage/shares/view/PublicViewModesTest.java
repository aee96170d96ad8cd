package io.uptimepage.shares.view;

import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.view.PublicLinks.Link;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's layouts ({@code ?view=}), time labels and unfurl tags as served (DESIGN §12), without a browser. */
@QuarkusTest
class PublicViewModesTest {

    static Link link() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        return mint(org, t);
    }

    static String page(String path) {
        return given().urlEncodingEnabled(false).when().get(path).then().statusCode(200).extract().asString();
    }

    @Test
    void theMonitorTabAndItsLiveRegionCarryTheStatusStripForTheirRange() {
        Link link = link();
        StatusStripTest.assertStripHooks(page(link.path()), 96);
        StatusStripTest.assertStripHooks(page(link.path() + "/live?range=1h"), 60);
        StatusStripTest.assertStripHooks(page(link.path() + "?range=7d"), 84);
        String html = page(link.path() + "/live?range=24h");
        assertTrue(html.contains("data-status=\"down\""), "the fixture's ongoing downtime incident shows");
        assertTrue(html.contains("data-status=\"up\""), "slots with latency samples are up");
    }

    @Test
    void tvViewMarksTheRootAndDropsTabsPillsAndConfiguration() {
        Link link = link();
        String html = page(link.path() + "?view=tv");
        assertTrue(html.contains("<html lang=\"en\" data-view=\"tv\">"), "root carries data-view");
        assertFalse(html.contains("class=\"tabs\""), "no tabs");
        assertFalse(html.contains("class=\"ranges\""), "no range pills");
        assertFalse(html.contains("class=\"config\""), "no configuration");
        assertTrue(html.contains("id=\"live\""), "the live region refreshes as on the page");
        assertTrue(page(link.path() + "/incidents?view=tv").contains("data-view=\"tv\""), "the incidents tab too");
    }

    @Test
    void embedViewDropsThePageChromeAndKeepsItselfOnEveryLink() {
        Link link = link();
        String html = page(link.path() + "?view=embed&range=7d");
        assertTrue(html.contains("data-view=\"embed\""));
        assertFalse(html.contains("class=\"topbar\""), "no top bar");
        assertFalse(html.contains("class=\"footer\""), "no footer");
        assertTrue(html.contains("href=\"" + link.path() + "/incidents?view=embed\""), "tab link keeps the layout");
        assertTrue(html.contains("href=\"" + link.path() + "?range=30d&amp;view=embed\""), "range pill keeps the layout");
    }

    @Test
    void anUnknownOrHostileViewIsTheNormalPage() {
        Link link = link();
        for (String v : new String[] { "", "TV", "tv%22%3E%3Cscript%3E", "page", "embed2" }) {
            String html = page(link.path() + "?view=" + v);
            assertTrue(html.contains("<html lang=\"en\" data-view=\"page\">"), v);
            assertFalse(html.contains("<script>"), v);
        }
    }

    @Test
    void everyTimeIsAUtcTimeElementLabelledUtcAndTheZoneNoteSaysSo() {
        Link link = link();
        String html = page(link.path());
        assertTrue(html.contains("<p class=\"tz\" data-tz>all times in UTC</p>"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<time datetime=\"([^\"]+)\"[^>]*>([^<]*)</time>").matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
            assertTrue(m.group(1).endsWith("Z"), m.group(0));
            assertTrue(m.group(2).endsWith(" UTC") || m.group(2).endsWith("ago") || m.group(2).equals("just now"), m.group(0));
        }
        assertTrue(n >= 5, "times found: " + n);
    }

    @Test
    void unfurlTagsNameTheMonitorAndItsStatusAndUptimeWithoutAnImage() {
        Link link = link();
        String html = page(link.path());
        assertTrue(html.contains("<meta property=\"og:title\" content=\"Checkout API\">"), "og:title");
        assertTrue(html.contains("<meta property=\"og:description\" content=\"up · 99.98 % uptime, 24h\">"), "og:description");
        assertFalse(html.contains("og:image"), "no image");
        assertTrue(page(link.path() + "/incidents").contains("<meta property=\"og:description\" content=\"up · incidents, last 30d\">"));
    }
}
