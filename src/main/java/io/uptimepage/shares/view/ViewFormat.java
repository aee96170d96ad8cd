package io.uptimepage.shares.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateExtension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How the public page writes numbers, durations and times. Pure functions; the templates use the extensions. */
public final class ViewFormat {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final String SERVED_STALE = "served_stale:";

    private ViewFormat() {
    }

    /** Uptime with two decimals, trailing zeros trimmed ("100", "99.98", "99.9"); null → "no data". */
    public static String uptime(Double pct) {
        if (pct == null || pct.isNaN()) {
            return "no data";
        }
        return BigDecimal.valueOf(pct).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Signed change in percentage points, e.g. "+0.12", "−1.5", "±0"; null when either side has no data. */
    public static String uptimeDelta(Double now, Double prior) {
        if (now == null || prior == null || now.isNaN() || prior.isNaN()) {
            return null;
        }
        BigDecimal d = BigDecimal.valueOf(now - prior).setScale(2, RoundingMode.HALF_UP);
        if (d.signum() == 0) {
            return "±0";
        }
        String abs = d.abs().stripTrailingZeros().toPlainString();
        return (d.signum() > 0 ? "+" : "−") + abs;
    }

    /** Signed change of a count, e.g. "+3", "−1", "±0". */
    public static String countDelta(long now, long prior) {
        long d = now - prior;
        return d == 0 ? "±0" : d > 0 ? "+" + d : "−" + (-d);
    }

    /** A span in seconds as the page writes it: "45s", "5m", "1h 30m", "2d 4h". */
    public static String span(long seconds) {
        if (seconds < 60) {
            return Math.max(seconds, 0) + "s";
        }
        long d = seconds / 86_400, h = seconds % 86_400 / 3600, m = seconds % 3600 / 60, s = seconds % 60;
        if (d > 0) {
            return d + "d" + (h > 0 ? " " + h + "h" : "");
        }
        if (h > 0) {
            return h + "h" + (m > 0 ? " " + m + "m" : "");
        }
        return m + "m" + (s > 0 ? " " + s + "s" : "");
    }

    /** A JSON number of milliseconds as a span ("5m"); missing → "?". */
    static String millis(JsonNode ms) {
        return ms == null || !ms.isNumber() ? "?" : span(ms.asLong() / 1000);
    }

    /** "12s ago", "5m ago", "just now". */
    public static String ago(Instant then, Instant now) {
        long s = Duration.between(then, now).getSeconds();
        return s < 2 ? "just now" : span(s) + " ago";
    }

    /** The check error as a viewer should read it: the core's internal {@code served_stale:} prefix removed. */
    public static String error(String error) {
        if (error == null) {
            return null;
        }
        String e = error.startsWith(SERVED_STALE) ? error.substring(SERVED_STALE.length()).strip() : error;
        return e.isEmpty() ? null : e;
    }

    /** {@code 2026-11-27 10:00:00 UTC}: what the page shows until the script rewrites it in local time. */
    @TemplateExtension
    public static String utc(OffsetDateTime t) {
        return t == null ? "" : UTC.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** RFC 3339 in UTC with seconds, for {@code <time datetime>} and query parameters. */
    @TemplateExtension
    public static String iso(OffsetDateTime t) {
        return t == null ? "" : iso(t.toInstant());
    }

    public static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
