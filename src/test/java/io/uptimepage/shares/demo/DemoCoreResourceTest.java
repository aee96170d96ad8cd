package io.uptimepage.shares.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.uptimepage.shares.core.CheckResult;
import io.uptimepage.shares.core.CoreClient;
import io.uptimepage.shares.core.Incident;
import io.uptimepage.shares.core.IncidentsPage;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.core.ResultsPage;
import io.uptimepage.shares.core.Target;
import io.uptimepage.shares.core.UptimeStats;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo core over HTTP, read the way the core's own clients read it: its shapes, its rules, its moving data. */
@QuarkusTest
@TestProfile(DemoModeProfile.class)
class DemoCoreResourceTest {

    static final String BASE = "/demo-core/api/v1/targets/";

    @Inject
    ObjectMapper json;

    @Inject
    CoreClient core;

    static RequestSpecification asService(String org) {
        return given().header("Authorization", "Bearer demo").header("X-Uptimepage-Org", org);
    }

    static ValidatableResponse read(UUID id, String path, String query) {
        return asService("demo").when().get(BASE + id + path + query).then();
    }

    static String ts(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    <T> T parse(ValidatableResponse r, Class<T> type) throws Exception {
        return json.readValue(r.statusCode(200).contentType(ContentType.JSON).extract().asString(), type);
    }

    static void assertCoreError(ValidatableResponse r, int status, String code) {
        r.statusCode(status).contentType(ContentType.JSON)
                .body("error.code", equalTo(code))
                .body("error.field", nullValue())
                .body("error.details", nullValue())
                .body("error.trace_id", matchesPattern("[0-9a-f]{32}")); // the demo core names its trace, like the core
    }

    @Test
    void theFourMonitorKindsAreServedAsCoreTargets() throws Exception {
        Set<String> kinds = new java.util.HashSet<>();
        for (UUID id : List.of(DemoMonitors.CHECKOUT_API, DemoMonitors.PRIMARY_DATABASE, DemoMonitors.NIGHTLY_BACKUP,
                DemoMonitors.EDGE_GATEWAY)) {
            String body = read(id, "", "").statusCode(200).extract().asString();
            Target t = json.readValue(body, Target.class);
            assertEquals(id.toString(), t.id());
            assertFalse(t.name().isBlank());
            assertTrue(t.interval() >= 30, "interval is in seconds");
            assertTrue(t.enabled());
            assertFalse(t.tags().isEmpty());
            assertTrue(t.createdAt().isBefore(t.updatedAt()) || t.createdAt().isEqual(t.updatedAt()));
            assertFalse(t.held());
            JsonNode raw = json.readTree(body);
            assertFalse(raw.has("plan_hold_at"), "only serialized when set");
            assertTrue(raw.has("group_name") && raw.has("region_policy") && raw.has("write_source"));
            kinds.add(t.kind());
        }
        assertEquals(Set.of("http", "tcp", "heartbeat", "ping"), kinds);

        Target tcp = parse(read(DemoMonitors.PRIMARY_DATABASE, "", ""), Target.class);
        assertEquals(5432, tcp.check().get("port").asInt());
        Target heartbeat = parse(read(DemoMonitors.NIGHTLY_BACKUP, "", ""), Target.class);
        assertEquals(86_400_000, heartbeat.check().get("period").asLong(), "heartbeat period in ms");
        assertEquals(1_800_000, heartbeat.check().get("grace").asLong(), "heartbeat grace in ms");
    }

    @Test
    void checkoutApiCarriesEveryCredentialThePublicViewMustRedact() throws Exception {
        Target t = parse(read(DemoMonitors.CHECKOUT_API, "", ""), Target.class);
        JsonNode check = t.check();
        assertEquals("http", check.get("type").asText());
        assertTrue(check.get("url").asText().matches("https://[^/@]+:[^/@]+@.+\\?.+#.+"), "userinfo, query and fragment");
        assertFalse(check.get("headers").get("X-Api-Key").asText().equals("***"), "header values are not masked by core");
        assertTrue(check.get("body").isTextual());
        // Like the real core, operator-level redaction already masks these two (populated, so not null).
        assertEquals("[\"***\",\"***\"]", check.get("basic_auth").toString());
        assertEquals("***", check.get("bearer_token").asText());
        assertEquals(10_000, check.get("timeout").asInt(), "timeout in ms");
        assertEquals("range", check.get("expected_status").get("kind").asText());
    }

    @Test
    void resultsComeNewestFirstInTheCoreEnvelope() throws Exception {
        ValidatableResponse r = read(DemoMonitors.CHECKOUT_API, "/results", "?limit=50");
        String body = r.statusCode(200).extract().asString();
        ResultsPage page = json.readValue(body, ResultsPage.class);
        assertEquals(50, page.items().size());
        assertEquals(50, page.limit());
        assertEquals(0, page.offset());
        assertTrue(page.hasMore());
        for (int i = 1; i < page.items().size(); i++) {
            assertTrue(page.items().get(i).timestamp().isBefore(page.items().get(i - 1).timestamp()));
        }
        CheckResult newest = page.items().get(0);
        assertTrue(Set.of("up", "down", "degraded", "error").contains(newest.status()));
        assertTrue(Duration.between(newest.timestamp().toInstant(), Instant.now()).toSeconds() <= 61, "fresh");
        JsonNode item = json.readTree(body).get("items").get(0);
        for (String field : List.of("timestamp", "status", "duration_ms", "dns_ms", "connect_ms", "tls_ms", "ttfb_ms",
                "response_code", "response_size", "error", "org_id", "target_id")) {
            assertTrue(item.has(field), field);
        }
        assertEquals(DemoMonitors.CHECKOUT_API.toString(), item.get("target_id").asText());
    }

    @Test
    void uptimeCountsMatchTheResultsInTheWindow() throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String window = "?from=" + ts(to.minus(Duration.ofHours(2))) + "&to=" + ts(to);
        for (UUID id : List.of(DemoMonitors.CHECKOUT_API, DemoMonitors.EDGE_GATEWAY)) {
            List<CheckResult> items = parse(read(id, "/results", window + "&limit=10000"), ResultsPage.class).items();
            UptimeStats u = parse(read(id, "/uptime", window), UptimeStats.class);
            assertEquals(items.size(), u.total());
            assertEquals(items.stream().filter(c -> c.status().equals("up")).count(), u.up());
            assertEquals(items.stream().filter(c -> c.status().equals("down")).count(), u.down());
            assertEquals(items.stream().filter(c -> c.status().equals("degraded")).count(), u.degraded());
            assertEquals(items.stream().filter(c -> c.status().equals("error")).count(), u.error());
            assertTrue(u.uptimePct() >= 0 && u.uptimePct() <= 100);
            LatencySeries l = parse(read(id, "/latency", window), LatencySeries.class);
            assertEquals(u.total(), l.buckets().stream().mapToLong(LatencySeries.Bucket::samples).sum(),
                    "the chart counts the same checks");
        }
    }

    @Test
    void theGatewayHasAnOngoingIncidentMatchingItsDownResults() throws Exception {
        IncidentsPage ongoing = parse(read(DemoMonitors.EDGE_GATEWAY, "/incidents", "?ongoing_only=true"), IncidentsPage.class);
        assertEquals(1, ongoing.items().size());
        Incident i = ongoing.items().get(0);
        assertTrue(i.ongoing());
        assertNull(i.durationSecs());
        assertEquals("down", i.status());
        assertTrue(i.countsAsDowntime());
        assertTrue(Duration.between(i.startedAt().toInstant(), Instant.now()).toMinutes() >= 39, "began ~40 min before start");
        assertEquals(List.of("eu-central", "eu-west"), i.regionsDown());

        String since = "?from=" + i.startedAt().toInstant() + "&limit=10000";
        List<CheckResult> results = parse(read(DemoMonitors.EDGE_GATEWAY, "/results", since), ResultsPage.class).items();
        assertTrue(results.stream().allMatch(c -> c.status().equals("down")));
        assertTrue(Math.abs(results.size() - i.checkCount()) <= 1, "check_count counts the failed checks so far");
        assertEquals(i.errorSample(), results.get(0).error());
        UptimeStats u = parse(read(DemoMonitors.EDGE_GATEWAY, "/uptime", ""), UptimeStats.class);
        assertTrue(u.uptimePct() < 100);

        IncidentsPage all = parse(read(DemoMonitors.EDGE_GATEWAY, "/incidents", ""), IncidentsPage.class);
        assertEquals(i.id(), all.items().get(0).id(), "newest first");
        assertEquals(100, all.limit(), "the core's default");
    }

    @Test
    void dataMovesWithTime() throws Exception {
        Instant now = Instant.now();
        CheckResult earlier = parse(read(DemoMonitors.CHECKOUT_API, "/results",
                "?to=" + ts(now.minus(Duration.ofMinutes(10))) + "&limit=1"), ResultsPage.class).items().get(0);
        CheckResult latest = parse(read(DemoMonitors.CHECKOUT_API, "/results", "?limit=1"), ResultsPage.class).items().get(0);
        assertTrue(latest.timestamp().isAfter(earlier.timestamp().plusMinutes(9)));
        assertNotEquals(earlier, latest);
        // The same instant always reads the same: a reload changes only what time has added.
        CheckResult again = parse(read(DemoMonitors.CHECKOUT_API, "/results",
                "?to=" + ts(now.minus(Duration.ofMinutes(10))) + "&limit=1"), ResultsPage.class).items().get(0);
        assertEquals(earlier, again);
    }

    @Test
    void latencyUsesTheCoreBucketing() throws Exception {
        Instant to = Instant.now();
        LatencySeries day = parse(read(DemoMonitors.CHECKOUT_API, "/latency",
                "?from=" + ts(to.minus(Duration.ofHours(24))) + "&to=" + ts(to)), LatencySeries.class);
        assertEquals(1440, day.bucketSeconds());
        assertTrue(day.buckets().size() >= 60 && day.buckets().size() <= 61);
        LatencySeries.Bucket b = day.buckets().get(20);
        assertEquals(0, b.t() % 1_440_000, "t is unix ms at bucket start");
        assertTrue(b.samples() > 0 && b.p50() <= b.p95() && b.p95() <= b.p99());
        assertTrue(b.avg() > b.dns() + b.connect() + b.tls() + b.ttfb(), "processing time is positive");
        LatencySeries hour = parse(read(DemoMonitors.CHECKOUT_API, "/latency", "?from=" + ts(to.minus(Duration.ofHours(1)))),
                LatencySeries.class);
        assertEquals(60, hour.bucketSeconds());
    }

    @Test
    void regionsAreTheCoreTargetRegions() {
        read(DemoMonitors.CHECKOUT_API, "/regions", "").statusCode(200)
                .body("regions", equalTo(List.of("eu-central", "eu-west", "us-east")));
        read(DemoMonitors.NIGHTLY_BACKUP, "/regions", "").statusCode(200).body("regions.size()", equalTo(0));
    }

    @Test
    void theRealCoreClientReadsTheDemoCore() {
        Target t = core.target(DemoMonitors.ORG, DemoMonitors.CHECKOUT_API.toString()).await().atMost(Duration.ofSeconds(10));
        assertEquals("Checkout API", t.name());
        assertEquals(3, core.regionCount(DemoMonitors.ORG, DemoMonitors.CHECKOUT_API.toString()).await().atMost(Duration.ofSeconds(10)));
        assertNull(core.target("acme", DemoMonitors.CHECKOUT_API.toString()).await().atMost(Duration.ofSeconds(10)),
                "another org's view of it is gone (404)");
    }

    @Test
    void anotherOrgGetsTheTargetNotFoundEnvelope() {
        for (String path : List.of("", "/results", "/latency", "/uptime", "/incidents", "/regions")) {
            ValidatableResponse r = asService("acme").when().get(BASE + DemoMonitors.CHECKOUT_API + path).then();
            assertCoreError(r, 404, "TARGET_NOT_FOUND");
            r.body("error.message", equalTo("monitor not found"));
        }
        assertCoreError(read(UUID.randomUUID(), "", ""), 404, "TARGET_NOT_FOUND");
        assertCoreError(read(UUID.randomUUID(), "/results", ""), 404, "TARGET_NOT_FOUND");
        assertCoreError(asService("demo").when().get(BASE + "not-a-uuid").then(), 404, "TARGET_NOT_FOUND");
    }

    @Test
    void toNotAfterFromIsBadTimeRange() {
        Instant t = Instant.now().minus(Duration.ofHours(1));
        for (String path : List.of("/results", "/latency", "/uptime", "/incidents")) {
            assertCoreError(read(DemoMonitors.CHECKOUT_API, path, "?from=" + ts(t) + "&to=" + ts(t)), 400, "BAD_TIME_RANGE");
            assertCoreError(read(DemoMonitors.CHECKOUT_API, path, "?from=" + ts(t) + "&to=" + ts(t.minusSeconds(60))), 400,
                    "BAD_TIME_RANGE");
        }
    }

    @Test
    void rawReadsRefuseMoreThanNinetyDaysButChartsDoNot() {
        Instant to = Instant.now();
        String ninetyOne = "?from=" + ts(to.minus(Duration.ofDays(91))) + "&to=" + ts(to);
        for (String path : List.of("/results", "/uptime", "/incidents")) {
            assertCoreError(read(DemoMonitors.CHECKOUT_API, path, ninetyOne), 400, "BAD_TIME_RANGE");
        }
        read(DemoMonitors.CHECKOUT_API, "/latency", ninetyOne).statusCode(200).body("bucket_seconds", equalTo(131_040));
        read(DemoMonitors.CHECKOUT_API, "/uptime", "?from=" + ts(to.minus(Duration.ofDays(90))) + "&to=" + ts(to))
                .statusCode(200);
    }

    @Test
    void limitsAreCappedLikeTheCore() throws Exception {
        Instant to = Instant.now();
        String month = "?from=" + ts(to.minus(Duration.ofDays(20))) + "&to=" + ts(to);
        ResultsPage capped = parse(read(DemoMonitors.PRIMARY_DATABASE, "/results", month + "&limit=20000"), ResultsPage.class);
        assertEquals(10_000, capped.limit());
        assertEquals(10_000, capped.items().size());
        assertTrue(capped.hasMore());
        read(DemoMonitors.PRIMARY_DATABASE, "/incidents", month + "&limit=5000").statusCode(200).body("limit", equalTo(1000));
        assertEquals(1000, parse(read(DemoMonitors.PRIMARY_DATABASE, "/results", ""), ResultsPage.class).limit(),
                "the core's default");
        read(DemoMonitors.PRIMARY_DATABASE, "/results", "?limit=-1").statusCode(400)
                .body("error.code", equalTo("INVALID_QUERY")).body("error.field", equalTo("limit"));
    }

    @Test
    void onlyTheDemoServiceTokenIsServed() {
        assertCoreError(given().header("Authorization", "Bearer nope").header("X-Uptimepage-Org", "demo")
                .when().get(BASE + DemoMonitors.CHECKOUT_API).then(), 401, "UNAUTHORIZED");
        assertCoreError(given().header("X-Uptimepage-Org", "demo").when().get(BASE + DemoMonitors.CHECKOUT_API).then(), 401,
                "UNAUTHORIZED");
        ValidatableResponse noOrg = given().header("Authorization", "Bearer demo").when().get(BASE + DemoMonitors.CHECKOUT_API)
                .then();
        assertEquals(400, noOrg.extract().statusCode());
        noOrg.body("error.code", equalTo("ORG_REQUIRED"));
    }

    @Test
    void everyIncidentsPageItemParsesAsACoreIncident() throws Exception {
        Instant to = Instant.now();
        String month = "?from=" + ts(to.minus(Duration.ofDays(29))) + "&to=" + ts(to) + "&limit=1000";
        int seen = 0;
        for (DemoMonitors.DemoMonitor m : DemoMonitors.ALL) {
            IncidentsPage page = parse(read(m.id(), "/incidents", month), IncidentsPage.class);
            assertFalse(page.hasMore());
            for (Incident i : page.items()) {
                seen++;
                assertTrue(Set.of("minor", "major", "critical").contains(i.severity()));
                assertTrue(Set.of("down", "error").contains(i.status()));
                assertTrue(i.checkCount() > 0);
                if (!i.ongoing()) {
                    assertEquals(Duration.between(i.startedAt(), i.endedAt()).toSeconds(), i.durationSecs());
                }
            }
            Set<String> ids = page.items().stream().map(Incident::id).collect(Collectors.toSet());
            assertEquals(page.items().size(), ids.size(), "ids are unique");
        }
        assertTrue(seen >= 2, "a month of demo data has incidents to show");
    }
}
