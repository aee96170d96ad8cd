package io.uptimepage.shares.view;

import io.uptimepage.shares.core.Incident;
import io.uptimepage.shares.core.LatencySeries;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status history strip (DESIGN §12): slots per range, what colours a slot, and its text. */
class StatusStripTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static LatencySeries samplesEvery(long bucketSeconds, Instant from, Instant to) {
        List<LatencySeries.Bucket> buckets = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(bucketSeconds)) {
            buckets.add(new LatencySeries.Bucket(t.toEpochMilli(), 100, 150, 200, 110, 5, 10, 20, 50, 3));
        }
        return new LatencySeries(bucketSeconds, buckets);
    }

    private static Incident incident(Instant start, Instant end, boolean downtime) {
        return new Incident("i", OffsetDateTime.ofInstant(start, ZoneOffset.UTC),
                end == null ? null : OffsetDateTime.ofInstant(end, ZoneOffset.UTC), downtime ? "down" : "degraded",
                null, 3, null, downtime ? "critical" : "minor", downtime, List.of(), List.of());
    }

    @Test
    void everyRangeHasItsDesignedSlotCount() {
        for (Map.Entry<String, Integer> e : Map.of("1h", 60, "24h", 96, "7d", 84, "30d", 90).entrySet()) {
            TimeWindow.Range range = TimeWindow.monitorRange(e.getKey());
            StatusStrip strip = StatusStrip.of(range, NOW, new LatencySeries(60, List.of()), List.of());
            assertEquals(e.getValue(), strip.segments().size(), e.getKey());
            assertTrue(strip.segments().stream().allMatch(s -> s.status().equals("nodata")), "no samples → no data");
            assertTrue(strip.summary().startsWith(e.getValue() + " slots of "), strip.summary());
        }
    }

    @Test
    void downtimeWinsOverDegradedWhichWinsOverUpAndGapsStayNoData() {
        TimeWindow.Range day = TimeWindow.monitorRange("24h"); // 96 slots of 15 min, from 12:00 yesterday
        Instant start = NOW.minusSeconds(24 * 3600);
        // Samples everywhere except the first two hours (slots 0–7).
        LatencySeries latency = samplesEvery(60, start.plusSeconds(2 * 3600), NOW);
        List<Incident> incidents = List.of(
                incident(start.plusSeconds(10 * 900 + 60), start.plusSeconds(11 * 900 + 60), false), // slots 10–11
                incident(start.plusSeconds(11 * 900), start.plusSeconds(11 * 900 + 300), true),       // slot 11
                incident(NOW.minusSeconds(600), null, true));                                        // ongoing: slot 95
        StatusStrip strip = StatusStrip.of(day, NOW, latency, incidents);
        List<String> s = strip.segments().stream().map(StatusStrip.Segment::status).toList();
        assertEquals(96, s.size());
        for (int i = 0; i < 8; i++) {
            assertEquals("nodata", s.get(i), "slot " + i);
        }
        assertEquals("up", s.get(8));
        assertEquals("degraded", s.get(10));
        assertEquals("down", s.get(11), "a downtime incident in the same slot wins");
        assertEquals("up", s.get(12));
        assertEquals("down", s.get(95), "an ongoing incident reaches now");
        assertEquals("96 slots of 15m: 85 up, 1 degraded, 2 down, 8 without data", strip.summary());
        assertEquals("Dec 2 14:45 – Dec 2 15:00 UTC: down (downtime incident)", strip.segments().get(11).title());
    }

    @Test
    void incidentsOutsideTheRangeOrMalformedMarkNothing() {
        TimeWindow.Range hour = TimeWindow.monitorRange("1h");
        LatencySeries latency = samplesEvery(60, NOW.minusSeconds(3600), NOW);
        List<Incident> incidents = List.of(
                incident(NOW.minusSeconds(7 * 86400), NOW.minusSeconds(6 * 86400), true), // long before the range
                incident(NOW.plusSeconds(3600), NOW.plusSeconds(7200), true),             // in the future
                incident(NOW.minusSeconds(600), NOW.minusSeconds(1200), true),            // ends before it starts
                new Incident("x", null, null, "down", null, 0, null, null, true, null, null));
        StatusStrip strip = StatusStrip.of(hour, NOW, latency, incidents);
        assertTrue(strip.segments().stream().allMatch(seg -> seg.status().equals("up")), strip.summary());
        assertNull(StatusStrip.of(hour, NOW, null, incidents), "no latency series → no strip, not a false 'no data'");
        assertEquals(60, StatusStrip.of(hour, NOW, new LatencySeries(0, null), null).segments().size());
    }

    /** The served page carries the strip with the markup hooks DESIGN §12 names. */
    static void assertStripHooks(String html, int slots) {
        Matcher strip = Pattern.compile("<div class=\"strip\" data-status-strip[^>]*>(.*?)</div>", Pattern.DOTALL).matcher(html);
        assertTrue(strip.find(), "a [data-status-strip]");
        Matcher seg = Pattern.compile("<span class=\"seg seg--(\\w+)\" data-status=\"(up|degraded|down|nodata)\" title=\"([^\"]+)\">")
                .matcher(strip.group(1));
        int n = 0;
        while (seg.find()) {
            assertEquals(seg.group(1), seg.group(2));
            assertTrue(seg.group(3).contains("UTC: "), seg.group(3));
            n++;
        }
        assertEquals(slots, n, "one child per slot");
    }
}
