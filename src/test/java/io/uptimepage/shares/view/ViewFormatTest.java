package io.uptimepage.shares.view;

import io.uptimepage.shares.error.PublicFailure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How numbers, windows and errors read on the page (the core's display rules). */
class ViewFormatTest {

    @Test
    void uptimeHasTwoDecimalsWithTrailingZerosTrimmedAndNullIsNoData() {
        assertEquals("100", ViewFormat.uptime(100.0));
        assertEquals("99.98", ViewFormat.uptime(99.98));
        assertEquals("99.9", ViewFormat.uptime(99.9));
        assertEquals("99.9", ViewFormat.uptime(99.899));
        assertEquals("0", ViewFormat.uptime(0.0));
        assertEquals("no data", ViewFormat.uptime(null));
    }

    @Test
    void deltasAreSignedAndMissingWhenAWindowHasNoData() {
        assertEquals("+0.08", ViewFormat.uptimeDelta(99.98, 99.9));
        assertEquals("−1.5", ViewFormat.uptimeDelta(98.5, 100.0));
        assertEquals("±0", ViewFormat.uptimeDelta(100.0, 100.0));
        assertNull(ViewFormat.uptimeDelta(100.0, null));
        assertEquals("+3", ViewFormat.countDelta(5, 2));
        assertEquals("−4", ViewFormat.countDelta(2, 6));
    }

    @Test
    void servedStalePrefixIsStripped() {
        assertEquals("connection refused", ViewFormat.error("served_stale: connection refused"));
        assertEquals("timeout", ViewFormat.error("timeout"));
        assertNull(ViewFormat.error("served_stale:"));
        assertNull(ViewFormat.error(null));
    }

    @Test
    void spansReadLikeAHuman() {
        assertEquals("45s", ViewFormat.span(45));
        assertEquals("5m", ViewFormat.span(300));
        assertEquals("5m 30s", ViewFormat.span(330));
        assertEquals("1h 30m", ViewFormat.span(5400));
        assertEquals("2d 4h", ViewFormat.span(2 * 86400 + 4 * 3600));
    }

    @Test
    void unknownRangeKeysFallBackToEachTabsDefault() {
        assertEquals("24h", TimeWindow.monitorRange("5y").key());
        assertEquals("24h", TimeWindow.monitorRange(null).key());
        assertEquals("1h", TimeWindow.monitorRange("1h").key());
        assertEquals("30d", TimeWindow.incidentRange("1h").key());
        assertEquals("90d", TimeWindow.incidentRange("90d").key());
    }

    @Test
    void explicitWindowsAreClampedTo90DaysAndMustMoveForward() {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        TimeWindow w = TimeWindow.parse("2020-01-01T00:00:00Z", "2026-11-27T00:00:00Z", Duration.ofHours(24), now);
        assertEquals(Instant.parse("2026-08-29T00:00:00Z"), w.from(), "clamped to to - 90d");
        TimeWindow exact = TimeWindow.parse("2026-08-29T00:00:00Z", "2026-11-27T00:00:00Z", Duration.ofHours(24), now);
        assertEquals(Duration.ofDays(90), exact.span(), "exactly 90 days is fine");
        TimeWindow dflt = TimeWindow.parse(null, null, Duration.ofHours(24), now);
        assertEquals(Instant.parse("2026-11-26T10:00:00Z"), dflt.from());
        assertEquals(now, dflt.to());
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"),
                TimeWindow.parse("2026-11-27T11:00:00+01:00", "2026-11-27T12:00:00+01:00", Duration.ofHours(1), now).from());
        PublicFailure equal = assertThrows(PublicFailure.class,
                () -> TimeWindow.parse("2026-11-27T00:00:00Z", "2026-11-27T00:00:00Z", Duration.ofHours(1), now));
        assertEquals(400, equal.status());
        assertEquals(400, assertThrows(PublicFailure.class,
                () -> TimeWindow.parse("soon", null, Duration.ofHours(1), now)).status());
        assertEquals(new TimeWindow(Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-26T10:00:00Z")),
                dflt.prior(), "the prior window of equal span, for the KPI deltas");
    }
}
