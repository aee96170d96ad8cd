package io.uptimepage.shares.view;

import io.uptimepage.shares.core.Incident;
import io.uptimepage.shares.core.LatencySeries;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The status history strip (DESIGN §12): one segment per slot of the range, oldest first — {@code down} where a
 * downtime incident overlaps the slot, {@code degraded} where another incident does, {@code up} where the latency
 * series has samples, {@code nodata} otherwise — each with a text title, plus a one-line summary for readers who do
 * not see colour. Built from the chart's latency series and the incidents tab's rows (reads the page already makes).
 */
public record StatusStrip(String range, List<Segment> segments, String summary) {

    /** One slot: its status ({@code up|degraded|down|nodata}) and its tooltip text. */
    public record Segment(String status, String title) {
    }

    /** Slots per range and their length: 1h → 60 × 1 min, 24h → 96 × 15 min, 7d → 84 × 2 h, 30d → 90 × 8 h. */
    private static final Map<String, Integer> SLOTS = Map.of("1h", 60, "24h", 96, "7d", 84, "30d", 90);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("MMM d HH:mm").withZone(ZoneOffset.UTC);

    /**
     * The strip for {@code range} ending at {@code now}; {@code null} without the latency series (the strip is then
     * not shown rather than drawn as "no data" where the core could not be asked). Without incidents, no slot is
     * marked down or degraded.
     */
    static StatusStrip of(TimeWindow.Range range, Instant now, LatencySeries latency, List<Incident> incidents) {
        if (latency == null) {
            return null;
        }
        int n = SLOTS.getOrDefault(range.key(), 96);
        long slotSeconds = Math.max(1, range.span().toSeconds() / n);
        Instant start = now.minusSeconds(slotSeconds * n);
        String[] status = new String[n];
        Arrays.fill(status, "nodata");
        if (latency.buckets() != null) {
            long bucketSeconds = Math.max(1, latency.bucketSeconds());
            for (LatencySeries.Bucket b : latency.buckets()) {
                if (b.samples() > 0) {
                    mark(status, start, slotSeconds, Instant.ofEpochMilli(b.t()),
                            Instant.ofEpochMilli(b.t()).plusSeconds(bucketSeconds), "up");
                }
            }
        }
        if (incidents != null) {
            for (Incident i : incidents) { // degraded first, so a downtime incident in the same slot wins
                if (i.startedAt() != null && !i.countsAsDowntime()) {
                    mark(status, start, slotSeconds, i.startedAt().toInstant(), end(i, now), "degraded");
                }
            }
            for (Incident i : incidents) {
                if (i.startedAt() != null && i.countsAsDowntime()) {
                    mark(status, start, slotSeconds, i.startedAt().toInstant(), end(i, now), "down");
                }
            }
        }
        List<Segment> segments = new ArrayList<>(n);
        int up = 0, degraded = 0, down = 0, none = 0;
        for (int s = 0; s < n; s++) {
            Instant from = start.plusSeconds(slotSeconds * s);
            segments.add(new Segment(status[s], AT.format(from) + " – " + AT.format(from.plusSeconds(slotSeconds))
                    + " UTC: " + label(status[s])));
            switch (status[s]) {
                case "up" -> up++;
                case "degraded" -> degraded++;
                case "down" -> down++;
                default -> none++;
            }
        }
        String summary = n + " slots of " + ViewFormat.span(slotSeconds) + ": " + up + " up, " + degraded + " degraded, "
                + down + " down, " + none + " without data";
        return new StatusStrip(range.key(), segments, summary);
    }

    private static Instant end(Incident i, Instant now) {
        return i.ongoing() || i.endedAt() == null ? now : i.endedAt().toInstant();
    }

    /** Marks every slot that [{@code from}, {@code to}) overlaps. */
    private static void mark(String[] status, Instant start, long slotSeconds, Instant from, Instant to, String value) {
        long first = Math.floorDiv(Duration.between(start, from).getSeconds(), slotSeconds);
        long last = Math.floorDiv(Duration.between(start, to).getSeconds() - 1, slotSeconds);
        for (long s = Math.max(0, first); s <= Math.min(status.length - 1, last); s++) {
            status[(int) s] = value;
        }
    }

    private static String label(String status) {
        return switch (status) {
            case "up" -> "up";
            case "degraded" -> "degraded";
            case "down" -> "down (downtime incident)";
            default -> "no data";
        };
    }
}
