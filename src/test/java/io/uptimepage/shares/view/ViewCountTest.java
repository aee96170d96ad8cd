package io.uptimepage.shares.view;

import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.support.Jwts;
import io.uptimepage.shares.view.PublicLinks.Link;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static io.uptimepage.shares.view.PublicLinks.mint;
import static io.uptimepage.shares.view.PublicLinks.newOrg;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the two full pages count views; counts are buffered, flushed in bulk, and survive a failed flush. */
@QuarkusTest
class ViewCountTest {

    @Inject
    ViewCounter views;

    static void assertViews(Link link, int count, boolean viewed) {
        given().header("Authorization", Jwts.bearer(Jwts.operator(link.org(), "team")))
                .when().get("/api/v1/targets/{id}/shares", link.targetId())
                .then().statusCode(200)
                .body("[0].id", equalTo(link.id()))
                .body("[0].view_count", equalTo(count))
                .body("[0].last_viewed_at", viewed ? notNullValue() : nullValue());
    }

    static Link viewedLink() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        given().get(link.path()).then().statusCode(200);
        given().get(link.path() + "?range=7d").then().statusCode(200);
        given().get(link.path() + "/incidents").then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            given().get(link.path() + "/live").then().statusCode(200);
            given().get(link.path() + "/incidents/live").then().statusCode(200);
            given().get(link.path() + "/badge.svg").then().statusCode(200);
        }
        given().get(link.path() + "/latency").then().statusCode(200);
        given().get(link.path() + "/results").then().statusCode(200);
        given().get(link.path() + "/nope").then().statusCode(404);
        return link;
    }

    @Test
    void threePageViewsAndAnyNumberOfPollsCountThree() {
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
        Link link = viewedLink();
        views.flushNow();
        assertViews(link, 3, true);
        String last = PublicLinks.column(link, "last_viewed_at");
        assertTrue(OffsetDateTime.parse(last.replace(' ', 'T').replaceAll("\\+00$", "+00:00")).isAfter(before), last);
    }

    @Test
    void aChatUnfurlFetchIsServedButIsNotAView() {
        String org = newOrg(), t = newTargetId();
        httpMonitor(org, t);
        Link link = mint(org, t);
        for (String bot : new String[] {"Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
                "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "TelegramBot (like TwitterBot)"}) {
            given().header("User-Agent", bot).get(link.path()).then().statusCode(200);
        }
        views.flushNow();
        assertViews(link, 0, false);
        given().header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0").get(link.path()).then()
                .statusCode(200);
        views.flushNow();
        assertViews(link, 1, true);
    }

    @Test
    void theScheduledFlushWritesBufferedViewsWithoutBeingAsked() {
        Link link = viewedLink();
        // shares.view.view-flush-interval is 5 s: the scheduler writes the counts within a couple of intervals.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> "3".equals(PublicLinks.column(link, "view_count")));
        assertViews(link, 3, true);
    }

    @Test
    void aFailedFlushKeepsTheCountsAndNeverBreaksAPage() {
        views.flushNow();
        // Make every view-count UPDATE fail (existing rows are not checked; only new values are).
        PublicLinks.sql("alter table shares add constraint test_block_views check (view_count = 0) not valid");
        Link link;
        try {
            link = viewedLink(); // pages still render while the database refuses the counts
            views.flushNow();
            assertViews(link, 0, false);
            assertTrue(views.buffered() >= 3, "counts kept in memory: " + views.buffered());
        } finally {
            PublicLinks.sql("alter table shares drop constraint test_block_views");
        }
        views.flushNow();
        assertViews(link, 3, true);
        assertEquals(0, views.buffered(), "all written");
    }
}
