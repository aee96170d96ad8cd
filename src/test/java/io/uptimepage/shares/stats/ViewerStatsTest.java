package io.uptimepage.shares.stats;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.uptimepage.shares.support.Db;
import io.uptimepage.shares.support.Jwts;
import io.uptimepage.shares.view.ViewCounter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.view.CoreFixtures.httpMonitor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Viewer statistics (DESIGN §2 "viewers"): a viewer is HMAC(day salt, client IP, User-Agent), counted once a day;
 * link-preview bots are bot views only; a past day's salt is destroyed in memory and in the database; no IP or
 * User-Agent is ever at rest. The test client connects from 127.0.0.1, which this profile trusts as the ingress, so
 * {@code X-Forwarded-For} gives each request the client IP a real ingress would.
 */
@QuarkusTest
@TestProfile(ViewerStatsTest.LoopbackIsTheIngress.class)
class ViewerStatsTest {

    /** The test client connects from 127.0.0.1, so it plays the ingress controller. */
    public static class LoopbackIsTheIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shares.trusted-proxies", "127.0.0.1");
        }
    }

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    @Inject
    ViewCounter views;

    @Inject
    DailySalt salts;

    /** A freshly minted link on a monitor with data: {org, target, share id, token}. */
    record Link(String org, String targetId, String id, String token) {
    }

    static Link link() {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8), t = newTargetId();
        httpMonitor(org, t);
        var r = given().header("Authorization", Jwts.bearer(Jwts.operator(org, "team"))).contentType(ContentType.JSON)
                .body("{}").when().post("/api/v1/targets/{id}/shares", t).then().statusCode(201).extract();
        return new Link(org, t, r.path("id"), r.path("token"));
    }

    /** One full page load by the client (ip, user agent). */
    static void load(Link link, String ip, String userAgent) {
        RequestSpecification req = given().header("User-Agent", userAgent);
        if (ip != null) {
            req = req.header("X-Forwarded-For", ip);
        }
        req.when().get("/m/" + link.token()).then().statusCode(200);
    }

    static ValidatableResponse stats(Link link, String query) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(link.org(), "team")))
                .when().get("/api/v1/targets/{id}/shares/{sid}/stats" + query, link.targetId(), link.id()).then();
    }

    /** Today's {views, unique_viewers, bot_views} as the stats endpoint answers them (days=1 is today only). */
    static List<Integer> today(Link link) {
        var r = stats(link, "?days=1").statusCode(200).body("days", hasSize(1))
                .body("days[0].date", equalTo(DailySalt.today().toString())).extract();
        return List.of(r.path("days[0].views"), r.path("days[0].unique_viewers"), r.path("days[0].bot_views"));
    }

    static int uniqueViewers30d(Link link) {
        return given().header("Authorization", Jwts.bearer(Jwts.operator(link.org(), "team")))
                .when().get("/api/v1/targets/{id}/shares", link.targetId()).then().statusCode(200)
                .body("[0].id", equalTo(link.id())).extract().path("[0].unique_viewers_30d");
    }

    static long count(String sql, Object... args) {
        return ((Number) Db.query(sql, args).get(0).get("n")).longValue();
    }

    @Test
    void oneClientIsOneViewerADayHoweverOftenItLoadsAndAcrossFlushes() {
        Link link = link();
        for (int i = 0; i < 6; i++) {
            load(link, "198.51.100.10", BROWSER);
            if (i % 2 == 1) {
                views.flushNow(); // the viewer's hash must be recognised across flushes (and so across replicas)
            }
        }
        views.flushNow();
        assertEquals(List.of(6, 1, 0), today(link));
        assertEquals(1, uniqueViewers30d(link));
        assertEquals(1, count("select count(*) as n from share_viewer_marks where share_id = ?::uuid", link.id()));
    }

    @Test
    void twoClientsAreTwoViewersWhetherTheyDifferByAddressOrByBrowser() {
        Link byAddress = link();
        load(byAddress, "198.51.100.20", BROWSER);
        load(byAddress, "198.51.100.21", BROWSER);
        load(byAddress, "198.51.100.21", BROWSER);
        Link byBrowser = link();
        load(byBrowser, "198.51.100.22", BROWSER);
        load(byBrowser, "198.51.100.22", BROWSER.replace("Linux x86_64", "Windows NT 10.0; Win64; x64"));
        views.flushNow();
        assertEquals(List.of(3, 2, 0), today(byAddress));
        assertEquals(List.of(2, 2, 0), today(byBrowser));
        assertEquals(2, uniqueViewers30d(byAddress));
    }

    @Test
    void theSameClientOnTwoLinksIsAViewerOfEach() {
        Link a = link(), b = link();
        load(a, "198.51.100.30", BROWSER);
        load(b, "198.51.100.30", BROWSER);
        views.flushNow();
        assertEquals(List.of(1, 1, 0), today(a));
        assertEquals(List.of(1, 1, 0), today(b));
    }

    @Test
    void linkPreviewBotsAreBotViewsNeverViewsOrViewers() {
        Link link = link();
        List<String> bots = List.of("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
                "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
                "Twitterbot/1.0", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
                "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
                "TelegramBot (like TwitterBot)", "WhatsApp/2.23.20.0", "Mozilla/5.0 (compatible; Googlebot/2.1; "
                        + "+http://www.google.com/bot.html)", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)");
        for (int i = 0; i < bots.size(); i++) {
            load(link, "198.51.100." + (40 + i), bots.get(i));
        }
        views.flushNow();
        assertEquals(List.of(0, 0, bots.size()), today(link));
        assertEquals(0, uniqueViewers30d(link));
        assertEquals(0, count("select count(*) as n from share_viewer_marks where share_id = ?::uuid", link.id()));
        given().header("Authorization", Jwts.bearer(Jwts.operator(link.org(), "team")))
                .when().get("/api/v1/targets/{id}/shares", link.targetId()).then().body("[0].view_count", equalTo(0));
        load(link, "198.51.100.40", BROWSER); // the same address with a browser is a person
        views.flushNow();
        assertEquals(List.of(1, 1, bots.size()), today(link));
    }

    @Test
    void aPastDaysSaltIsGoneFromMemoryAndTheDatabaseWhileItsCountsStay() {
        Link link = link();
        load(link, "198.51.100.50", BROWSER);
        load(link, "198.51.100.51", BROWSER);
        views.flushNow();
        LocalDate today = DailySalt.today();
        byte[] held = salts.forDay(today).await().atMost(Duration.ofSeconds(10));
        assertTrue(salts.heldDays().contains(today));
        assertArrayEquals(held, (byte[]) Db.query("select salt from viewer_salts where day = ?", today).get(0).get("salt"),
                "every replica hashes under the one shared row");
        assertEquals(2, count("select count(*) as n from share_viewer_marks where share_id = ?::uuid", link.id()));

        // The day is over: the sweep of tomorrow destroys it.
        int deleted = salts.destroyBefore(today.plusDays(1)).await().atMost(Duration.ofSeconds(10));

        assertTrue(deleted >= 3, "the salt row and the two viewer hashes, at least: " + deleted);
        assertFalse(salts.heldDays().contains(today), "dropped from memory");
        assertArrayEquals(new byte[32], held, "the bytes themselves are zeroed, not only unreferenced");
        assertEquals(0, count("select count(*) as n from viewer_salts where day <= ?", today), "deleted from the database");
        assertEquals(0, count("select count(*) as n from share_viewer_marks where day <= ?", today));
        assertEquals(List.of(2, 2, 0), today(link), "the day's counts stay");
    }

    @Test
    void theSweepDestroysYesterdaysSaltAndHashesButKeepsTodays() {
        Link link = link();
        LocalDate today = DailySalt.today(), yesterday = today.minusDays(1);
        byte[] old = salts.forDay(yesterday).await().atMost(Duration.ofSeconds(10));
        Db.update("insert into share_viewer_marks (share_id, day, viewer) values (?::uuid, ?, ?)", link.id(), yesterday,
                ViewerKey.hash(old, "198.51.100.60", BROWSER));
        load(link, "198.51.100.61", BROWSER);
        views.flushNow();
        byte[] current = salts.forDay(today).await().atMost(Duration.ofSeconds(10)).clone();

        salts.destroyPast().await().atMost(Duration.ofSeconds(10)); // the real sweep, on the real UTC date

        assertFalse(salts.heldDays().contains(yesterday));
        assertArrayEquals(new byte[32], old);
        assertEquals(0, count("select count(*) as n from viewer_salts where day < ?", today));
        assertEquals(0, count("select count(*) as n from share_viewer_marks where day < ?", today));
        // today's salt is untouched: the viewer of this morning is still recognised this afternoon
        assertTrue(salts.heldDays().contains(today));
        assertArrayEquals(current, (byte[]) Db.query("select salt from viewer_salts where day = ?", today).get(0).get("salt"));
        load(link, "198.51.100.61", BROWSER);
        views.flushNow();
        assertEquals(List.of(2, 1, 0), today(link));
    }

    @Test
    void statsAreZeroFilledUtcDaysOldestFirstAndUniqueViewers30dSumsTheLast30Days() {
        Link link = link();
        LocalDate today = DailySalt.today();
        Db.update("insert into share_view_days (share_id, day, views, unique_viewers, bot_views) values "
                + "(?::uuid, ?, 7, 3, 1), (?::uuid, ?, 9, 4, 0), (?::uuid, ?, 5, 5, 5)",
                link.id(), today.minusDays(29), link.id(), today.minusDays(30), link.id(), today.minusDays(89));
        load(link, "198.51.100.70", BROWSER);
        views.flushNow();
        stats(link, "").statusCode(200).body("days", hasSize(30))
                .body("days[0].date", equalTo(today.minusDays(29).toString()))
                .body("days[0].views", equalTo(7)).body("days[0].unique_viewers", equalTo(3))
                .body("days[0].bot_views", equalTo(1))
                .body("days[1].views", equalTo(0)).body("days[1].unique_viewers", equalTo(0))
                .body("days[29].date", equalTo(today.toString())).body("days[29].views", equalTo(1));
        stats(link, "?days=90").statusCode(200).body("days", hasSize(90))
                .body("days[0].date", equalTo(today.minusDays(89).toString())).body("days[0].views", equalTo(5))
                .body("days[59].views", equalTo(9));
        assertEquals(3 + 1, uniqueViewers30d(link), "day -29 and today; day -30 is outside the 30 days");
    }

    @Test
    void statsDaysOutside1To90OrNotAnIntegerIs400AndAnotherOrgsLinkIs404() {
        Link link = link();
        for (String days : List.of("0", "91", "-1", "1.5", "abc", "1e1", "99999999999", "%2B5", "+5", "%D9%A5", "007", "%205", "5%00")) {
            var r = given().header("Authorization", Jwts.bearer(Jwts.operator(link.org(), "team"))).urlEncodingEnabled(false)
                    .when().get("/api/v1/targets/" + link.targetId() + "/shares/" + link.id() + "/stats?days=" + days)
                    .then().extract();
            assertEquals(400, r.statusCode(), "days=" + days);
            assertEquals("INVALID_QUERY", r.path("error.code"));
            assertEquals("days", r.path("error.field"));
        }
        String stranger = "org-" + UUID.randomUUID().toString().substring(0, 8);
        for (String[] who : List.of(new String[] {stranger, link.targetId(), link.id()},
                new String[] {link.org(), newTargetId(), link.id()},
                new String[] {link.org(), link.targetId(), UUID.randomUUID().toString()},
                new String[] {link.org(), link.targetId(), "nope"})) {
            given().header("Authorization", Jwts.bearer(Jwts.operator(who[0], "team")))
                    .when().get("/api/v1/targets/{id}/shares/{sid}/stats", who[1], who[2]).then().statusCode(404)
                    .body("error.code", equalTo("SHARE_NOT_FOUND"));
        }
        given().when().get("/api/v1/targets/{id}/shares/{sid}/stats", link.targetId(), link.id()).then().statusCode(401)
                .body("error.code", equalTo("UNAUTHORIZED"));
        // a revoked link keeps its history
        load(link, "198.51.100.80", BROWSER);
        views.flushNow();
        given().header("Authorization", Jwts.bearer(Jwts.operator(link.org(), "team")))
                .when().delete("/api/v1/targets/{id}/shares/{sid}", link.targetId(), link.id()).then().statusCode(204);
        assertEquals(List.of(1, 1, 0), today(link));
    }

    @Test
    void noTableHoldsAClientAddressOrUserAgentAfterViews() {
        String probe = "probe" + UUID.randomUUID().toString().replace("-", "");
        String userAgent = BROWSER + " ViewerProbe/" + probe;
        List<String> addresses = List.of("203.0.113.197", "2001:db8:4006:812::200e");
        Link link = link();
        // The scanner must be able to see a stored string: the label is one.
        given().header("Authorization", Jwts.bearer(Jwts.operator(link.org(), "team"))).contentType(ContentType.JSON)
                .body("{\"label\":\"label-" + probe + "\"}")
                .when().patch("/api/v1/targets/{id}/shares/{sid}", link.targetId(), link.id()).then().statusCode(200);
        for (String ip : addresses) {
            load(link, ip, userAgent);
            load(link, ip, userAgent);
        }
        load(link, addresses.get(0), "Slackbot-LinkExpanding 1.0 " + probe); // bots too
        views.flushNow();
        // Both addresses were really used (two viewers with the same User-Agent), so each passed through the service.
        assertEquals(List.of(4, 2, 1), today(link));

        assertEquals(List.of("shares.label"), tablesHolding("label-" + probe), "the scanner finds what is stored");
        List<String> needles = new ArrayList<>(List.of(userAgent, probe, "ViewerProbe", "Firefox/140.0"));
        needles.addAll(addresses);
        needles.addAll(List.of("2001:db8:4006:812", "2001:0db8:4006:0812", "203.0.113"));
        for (String needle : needles) {
            List<String> found = tablesHolding(needle);
            if (needle.equals(probe)) {
                found.remove("shares.label"); // the scanner's own marker
            }
            assertEquals(List.of(), found, "no column may hold `" + needle + "`");
        }
    }

    /**
     * Every column of every table of every schema (information_schema), as text and, for binary columns, as bytes,
     * that contains {@code needle} (case-insensitive): {@code table.column} names.
     */
    static List<String> tablesHolding(String needle) {
        List<Map<String, Object>> columns = Db.query("select c.table_schema, c.table_name, c.column_name, c.data_type "
                + "from information_schema.columns c join information_schema.tables t "
                + "on t.table_schema = c.table_schema and t.table_name = c.table_name "
                + "where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema') "
                + "order by 1, 2, 3");
        assertTrue(columns.size() > 20, "the scan covers the schema: " + columns.size() + " columns");
        assertTrue(columns.stream().anyMatch(c -> "share_viewer_marks".equals(c.get("table_name"))));
        List<String> hits = new ArrayList<>();
        for (Map<String, Object> c : columns) {
            String column = "\"" + c.get("column_name") + "\"";
            String table = "\"" + c.get("table_schema") + "\".\"" + c.get("table_name") + "\"";
            boolean binary = "bytea".equals(c.get("data_type"));
            String where = binary
                    ? "position(convert_to(?, 'UTF8') in " + column + ") > 0 or strpos(lower(encode(" + column
                            + ", 'escape')), lower(?)) > 0"
                    : "strpos(lower(" + column + "::text), lower(?)) > 0";
            long n = binary ? count("select count(*) as n from " + table + " where " + where, needle, needle)
                    : count("select count(*) as n from " + table + " where " + where, needle);
            if (n > 0) {
                hits.add((c.get("table_schema").equals("public") ? "" : c.get("table_schema") + ".")
                        + c.get("table_name") + "." + c.get("column_name"));
            }
        }
        return hits;
    }
}
