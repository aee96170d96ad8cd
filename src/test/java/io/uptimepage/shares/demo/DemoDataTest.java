package io.uptimepage.shares.demo;

import io.uptimepage.shares.demo.DemoData.Incident;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.demo.DemoData.Page;
import io.uptimepage.shares.demo.DemoData.Result;
import io.uptimepage.shares.core.UptimeStats;
import io.uptimepage.shares.demo.DemoMonitors.DemoMonitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic data on a fixed clock: deterministic, moving with time, and consistent across every read. */
class DemoDataTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:15:42.250Z");
    static final Instant ANCHOR = Instant.parse("2026-11-27T09:00:00Z");
    final DemoData data = new DemoData(ANCHOR);

    /** Every check in the window, newest first, paging through as a client would. */
    List<Result> allResults(DemoMonitor m, Instant from, Instant to, Instant now) {
        List<Result> all = new ArrayList<>();
        for (int offset = 0;; offset += 10_000) {
            Page<Result> page = data.results(m, from, to, 10_000, offset, now);
            all.addAll(page.items());
            if (!page.hasMore()) {
                return all;
            }
        }
    }

    static boolean bad(Result r) {
        return r.status().equals("down") || r.status().equals("error");
    }

    @Test
    void sameInstantGivesTheSameData() {
        for (DemoMonitor m : DemoMonitors.ALL) {
            Instant from = NOW.minus(Duration.ofHours(6));
            assertEquals(data.results(m, from, NOW, 500, 0, NOW), new DemoData(ANCHOR).results(m, from, NOW, 500, 0, NOW));
            assertEquals(data.incidents(m, NOW.minus(Duration.ofDays(30)), NOW, false, 100, 0, NOW),
                    new DemoData(ANCHOR).incidents(m, NOW.minus(Duration.ofDays(30)), NOW, false, 100, 0, NOW));
        }
    }

    @Test
    void newChecksAppearAsTimePasses() {
        DemoMonitor m = DemoMonitors.CHECKOUT;
        Instant later = NOW.plus(Duration.ofMinutes(3));
        Result newest = data.results(m, NOW.minus(Duration.ofHours(1)), NOW, 10, 0, NOW).items().get(0);
        List<Result> afterwards = data.results(m, later.minus(Duration.ofHours(1)), later, 10, 0, later).items();
        assertTrue(afterwards.get(0).timestamp().isAfter(newest.timestamp()));
        assertEquals(newest, afterwards.get(3), "the same check, three one-minute intervals down the list");
        assertTrue(newest.timestamp().isAfter(NOW.minus(Duration.ofSeconds(61))) && !newest.timestamp().isAfter(NOW));
    }

    @Test
    void resultsAreNewestFirstOnePerIntervalAndNeverInTheFuture() {
        for (DemoMonitor m : DemoMonitors.ALL) {
            List<Result> page = data.results(m, NOW.minus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(1)), 300, 0, NOW).items();
            assertEquals(300, page.size(), m.name());
            assertFalse(page.get(0).timestamp().isAfter(NOW), m.name());
            for (int i = 1; i < page.size(); i++) {
                long gap = Duration.between(page.get(i).timestamp(), page.get(i - 1).timestamp()).toMillis();
                assertTrue(Math.abs(gap - m.intervalMs()) < 1000, m.name() + " gap " + gap);
            }
        }
    }

    @Test
    void pagesTileTheWindowWithoutGapsOrOverlap() {
        DemoMonitor m = DemoMonitors.DATABASE;
        Instant from = NOW.minus(Duration.ofHours(3));
        List<Result> whole = data.results(m, from, NOW, 10_000, 0, NOW).items();
        List<Result> paged = new ArrayList<>();
        Page<Result> p;
        int offset = 0;
        do {
            p = data.results(m, from, NOW, 100, offset, NOW);
            paged.addAll(p.items());
            offset += 100;
        } while (p.hasMore());
        assertEquals(whole, paged);
        assertEquals(360, whole.size(), "3 h of 30 s checks");
    }

    @Test
    void uptimeCountsMatchTheChecksInTheWindow() {
        for (DemoMonitor m : DemoMonitors.ALL) {
            for (Duration span : List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(9))) {
                Instant from = NOW.minus(span);
                List<Result> all = allResults(m, from, NOW, NOW);
                UptimeStats u = data.uptime(m, from, NOW, NOW);
                assertEquals(all.size(), u.total(), m.name() + " " + span);
                assertEquals(all.stream().filter(r -> r.status().equals("up")).count(), u.up(), m.name());
                assertEquals(all.stream().filter(r -> r.status().equals("down")).count(), u.down(), m.name());
                assertEquals(all.stream().filter(r -> r.status().equals("degraded")).count(), u.degraded(), m.name());
                assertEquals(all.stream().filter(r -> r.status().equals("error")).count(), u.error(), m.name());
                assertTrue(u.uptimePct() >= 0 && u.uptimePct() <= 100, m.name());
            }
        }
    }

    @Test
    void uptimeIsConfirmedDowntimeOverTheWindow() {
        // The gateway has been down since ANCHOR (the first check at or after it): 1h15m42s of a 24 h window.
        DemoMonitor m = DemoMonitors.GATEWAY;
        Instant from = NOW.minus(Duration.ofDays(1));
        Incident open = data.incidents(m, from, NOW, true, 10, 0, NOW).items().get(0);
        long downSecs = Duration.between(open.startedAt(), NOW).toSeconds();
        List<Incident> closed = data.incidents(m, from, NOW, false, 100, 0, NOW).items().stream()
                .filter(i -> i.endedAt() != null).toList();
        for (Incident i : closed) {
            downSecs += Duration.between(i.startedAt().isBefore(from) ? from : i.startedAt(), i.endedAt()).toSeconds();
        }
        assertEquals(100.0 * (86_400 - downSecs) / 86_400, data.uptime(m, from, NOW, NOW).uptimePct(), 0.01);
    }

    @Test
    void emptyWindowHasNoUptime() {
        DemoMonitor m = DemoMonitors.BACKUP;
        Instant before = m.createdAt().minus(Duration.ofDays(2));
        UptimeStats u = data.uptime(m, before, before.plus(Duration.ofDays(1)), NOW);
        assertEquals(0, u.total());
        assertNull(u.uptimePct());
    }

    @Test
    void everyFailedCheckBelongsToAnIncidentAndEveryIncidentToItsFailedChecks() {
        int incidentsSeen = 0;
        for (DemoMonitor m : DemoMonitors.ALL) {
            Instant from = NOW.minus(Duration.ofDays(30));
            List<Result> all = allResults(m, from, NOW, NOW);
            List<Incident> incidents = data.incidents(m, from, NOW, false, 1000, 0, NOW).items();
            incidentsSeen += incidents.size();
            for (Result r : all.stream().filter(DemoDataTest::bad).toList()) {
                assertTrue(incidents.stream().anyMatch(i -> !r.timestamp().isBefore(i.startedAt())
                        && (i.endedAt() == null || r.timestamp().isBefore(i.endedAt()))), m.name() + " stray " + r);
            }
            for (Incident i : incidents) {
                List<Result> inside = all.stream().filter(r -> !r.timestamp().isBefore(i.startedAt())
                        && (i.endedAt() == null || r.timestamp().isBefore(i.endedAt()))).toList();
                assertTrue(inside.stream().allMatch(DemoDataTest::bad), m.name() + " " + i);
                if (!i.startedAt().isBefore(from)) {
                    assertEquals(i.checkCount(), inside.size(), m.name() + " " + i);
                    assertEquals(inside.get(inside.size() - 1).timestamp(), i.startedAt(), "started at its first failed check");
                }
                assertEquals(i.status(), inside.get(0).status());
                assertEquals(i.errorSample(), inside.get(0).error());
                if (i.endedAt() != null) {
                    assertEquals(i.durationSecs(), Duration.between(i.startedAt(), i.endedAt()).toSeconds());
                }
            }
            for (int n = 1; n < incidents.size(); n++) {
                assertTrue(incidents.get(n).startedAt().isBefore(incidents.get(n - 1).startedAt()), "newest first");
            }
        }
        assertTrue(incidentsSeen >= 4, "a month of four monitors has incidents to show: " + incidentsSeen);
    }

    @Test
    void theGatewayIncidentIsOngoingSinceTheAnchor() {
        DemoMonitor m = DemoMonitors.GATEWAY;
        List<Incident> ongoing = data.incidents(m, NOW.minus(Duration.ofDays(1)), NOW, true, 100, 0, NOW).items();
        assertEquals(1, ongoing.size());
        Incident i = ongoing.get(0);
        assertNull(i.endedAt());
        assertNull(i.durationSecs());
        assertEquals("down", i.status());
        assertEquals("critical", i.severity());
        assertTrue(!i.startedAt().isBefore(ANCHOR) && i.startedAt().isBefore(ANCHOR.plusSeconds(31)));
        assertEquals(List.of("eu-central", "eu-west"), i.regionsDown());
        assertEquals(List.of("us-east"), i.regionsUp());
        assertEquals("down", data.results(m, NOW.minus(Duration.ofHours(1)), NOW, 1, 0, NOW).items().get(0).status());
        // It keeps growing: one more failed check per interval.
        Instant later = NOW.plus(Duration.ofMinutes(5));
        Incident afterwards = data.incidents(m, later.minus(Duration.ofDays(1)), later, true, 100, 0, later).items().get(0);
        assertEquals(i.id(), afterwards.id());
        assertEquals(i.checkCount() + 10, afterwards.checkCount());
        // The other monitors have nothing open at this instant.
        for (DemoMonitor other : List.of(DemoMonitors.CHECKOUT, DemoMonitors.DATABASE, DemoMonitors.BACKUP)) {
            assertTrue(data.incidents(other, NOW.minus(Duration.ofDays(1)), NOW, true, 100, 0, NOW).items().isEmpty());
        }
    }

    @Test
    void heartbeatIncidentsOpenWhenTheNightlyGraceRunsOut() {
        List<Incident> incidents = data.incidents(DemoMonitors.BACKUP, NOW.minus(Duration.ofDays(30)), NOW, false, 100, 0,
                NOW).items();
        assertFalse(incidents.isEmpty());
        for (Incident i : incidents) {
            LocalTime at = i.startedAt().atOffset(ZoneOffset.UTC).toLocalTime();
            assertTrue(!at.isBefore(LocalTime.of(2, 30)) && at.isBefore(LocalTime.of(2, 36)), at.toString());
        }
    }

    @Test
    void bucketSecondsFollowTheCore() {
        assertEquals(60, DemoData.bucketSeconds(NOW.minus(Duration.ofMinutes(10)), NOW));
        assertEquals(60, DemoData.bucketSeconds(NOW.minus(Duration.ofHours(1)), NOW));
        assertEquals(1440, DemoData.bucketSeconds(NOW.minus(Duration.ofHours(24)), NOW));
        assertEquals(10_080, DemoData.bucketSeconds(NOW.minus(Duration.ofDays(7)), NOW));
        assertEquals(43_200, DemoData.bucketSeconds(NOW.minus(Duration.ofDays(30)), NOW));
    }

    @Test
    void latencyBucketsCountEveryCheckAndOrderTheirPercentiles() {
        for (DemoMonitor m : DemoMonitors.ALL) {
            for (Duration span : List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(30))) {
                Instant from = NOW.minus(span);
                LatencySeries l = data.latency(m, from, NOW, NOW);
                assertEquals(DemoData.bucketSeconds(from, NOW), l.bucketSeconds());
                assertTrue(l.buckets().size() >= 60 && l.buckets().size() <= 62, m.name() + " " + l.buckets().size());
                assertEquals(data.uptime(m, from, NOW, NOW).total(), l.buckets().stream().mapToLong(LatencySeries.Bucket::samples).sum());
                for (LatencySeries.Bucket b : l.buckets()) {
                    assertEquals(0, b.t() % (l.bucketSeconds() * 1000), "aligned");
                    assertTrue(b.p50() <= b.p95() && b.p95() <= b.p99(), b.toString());
                }
            }
        }
        LatencySeries.Bucket http = data.latency(DemoMonitors.CHECKOUT, NOW.minus(Duration.ofHours(24)), NOW, NOW).buckets().get(30);
        assertTrue(http.p50() > 100 && http.p50() < 400, http.toString());
        assertTrue(http.dns() > 0 && http.connect() > 0 && http.tls() > 0 && http.ttfb() > 0, http.toString());
        assertTrue(http.avg() > http.dns() + http.connect() + http.tls() + http.ttfb(), "processing time stays positive");
    }

    @Test
    void nothingExistsBeforeTheMonitorWasCreated() {
        DemoMonitor m = DemoMonitors.GATEWAY;
        Instant from = m.createdAt().minus(Duration.ofHours(2));
        List<Result> page = data.results(m, from, m.createdAt().plus(Duration.ofHours(1)), 1000, 0, NOW).items();
        assertEquals(120, page.size(), "one hour of 30 s checks");
        assertFalse(page.get(page.size() - 1).timestamp().isBefore(m.createdAt()));
        LatencySeries l = data.latency(m, from, m.createdAt().plus(Duration.ofHours(1)), NOW);
        assertEquals(0, l.buckets().get(0).samples(), "a gap before creation");
    }

    @Test
    void checkoutChecksLookLikeHttp() {
        List<Result> page = data.results(DemoMonitors.CHECKOUT, NOW.minus(Duration.ofDays(1)), NOW, 1440, 0, NOW).items();
        Result up = page.stream().filter(r -> r.status().equals("up")).findFirst().orElseThrow();
        assertEquals(200, up.responseCode());
        assertTrue(up.durationMs() > up.dnsMs() + up.connectMs() + up.tlsMs() + up.ttfbMs());
        assertNull(up.error());
        assertEquals(DemoMonitors.ORG_ID, up.orgId());
        assertEquals(DemoMonitors.CHECKOUT_API, up.targetId());
        assertNotEquals(page.get(0).durationMs(), page.get(1).durationMs(), "latency varies");
    }
}
