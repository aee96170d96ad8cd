package io.uptimepage.shares.view;

import io.uptimepage.shares.error.PublicFailure;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A half-open time window {@code [from, to)} of a public read, with the operator API's limits (DESIGN §3): an
 * explicit {@code from} older than 90 days before {@code to} is clamped, {@code to <= from} is a 400.
 */
public record TimeWindow(Instant from, Instant to) {

    /** The widest window a public read may cover; older {@code from}s are moved up to {@code to - 90d}. */
    public static final Duration MAX_SPAN = Duration.ofDays(90);

    /** A preset range key (the pills on the page) and its span. */
    public record Range(String key, Duration span) {

        /** The window of this span ending now, to the second (the core's timestamps have seconds). */
        public TimeWindow endingAt(Instant now) {
            Instant to = now.truncatedTo(ChronoUnit.SECONDS);
            return new TimeWindow(to.minus(span), to);
        }
    }

    /** The range pills of each tab, in display order (core's {@code RANGE_KEYS} / {@code INCIDENT_RANGE_KEYS}). */
    public static final List<Range> MONITOR_RANGES = List.of(range("1h", 1), range("24h", 24), range("7d", 24 * 7),
            range("30d", 24 * 30));
    public static final List<Range> INCIDENT_RANGES = List.of(range("24h", 24), range("7d", 24 * 7),
            range("30d", 24 * 30), range("90d", 24 * 90));
    public static final String MONITOR_DEFAULT = "24h";
    public static final String INCIDENT_DEFAULT = "30d";

    /** The monitor tab's range for a query value; unknown or missing keys fall back to 24h. */
    public static Range monitorRange(String key) {
        return pick(MONITOR_RANGES, key, MONITOR_DEFAULT);
    }

    /** The incidents tab's range for a query value; unknown or missing keys fall back to 30d. */
    public static Range incidentRange(String key) {
        return pick(INCIDENT_RANGES, key, INCIDENT_DEFAULT);
    }

    /**
     * The window of an explicit {@code from}/{@code to} pair (RFC 3339). Missing {@code to} is now, missing
     * {@code from} is {@code to - defaultSpan}. The core takes whole seconds, so a sub-second {@code from} rounds
     * down and a sub-second {@code to} up (the window only grows); {@code to <= from} (as asked, hence also after
     * rounding) or an unparseable value → 400 before any core call. A span over 90 days is clamped.
     */
    public static TimeWindow parse(String from, String to, Duration defaultSpan, Instant now) {
        Instant asked = blank(to) ? now.truncatedTo(ChronoUnit.SECONDS) : instant(to, "to");
        Instant askedFrom = blank(from) ? asked.minus(defaultSpan) : instant(from, "from");
        Instant start = askedFrom.truncatedTo(ChronoUnit.SECONDS);
        Instant end = roundUp(asked);
        // a reversed or empty window as asked stays a 400 even when rounding would have widened it
        if (!asked.isAfter(askedFrom) || !end.isAfter(start)) {
            throw PublicFailure.badRequest("'to' must be strictly greater than 'from'");
        }
        Instant earliest = end.minus(MAX_SPAN);
        return new TimeWindow(start.isBefore(earliest) ? earliest : start, end);
    }

    public Duration span() {
        return Duration.between(from, to);
    }

    /** The window of equal span just before this one: {@code [from - span, from)}, for the KPI deltas. */
    public TimeWindow prior() {
        return new TimeWindow(from.minus(span()), from);
    }

    private static Instant instant(String value, String name) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(value.trim());
            // RFC 3339 has four-digit years; this also keeps the rounding and clamping arithmetic in range
            if (t.getYear() < 1 || t.getYear() > 9999) {
                throw PublicFailure.badRequest("'" + name + "' must be an RFC 3339 timestamp");
            }
            return t.toInstant();
        } catch (DateTimeParseException e) {
            throw PublicFailure.badRequest("'" + name + "' must be an RFC 3339 timestamp");
        }
    }

    private static Instant roundUp(Instant t) {
        Instant down = t.truncatedTo(ChronoUnit.SECONDS);
        return down.equals(t) ? t : down.plusSeconds(1);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Range pick(List<Range> ranges, String key, String fallback) {
        for (Range r : ranges) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        return ranges.stream().filter(r -> r.key().equals(fallback)).findFirst().orElseThrow();
    }

    private static Range range(String key, long hours) {
        return new Range(key, Duration.ofHours(hours));
    }
}
