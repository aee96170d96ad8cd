package io.uptimepage.shares.share;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptimepage.shares.error.ApiException;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for an {@code expires_at} (DESIGN §2 "Input hygiene"), used by every route that accepts one. It must
 * be an RFC 3339 {@code date-time} (section 5.6: {@code YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)}, {@code T} and
 * {@code Z} in either case) naming a real instant from year 0001 up to 9999-12-31T23:59:59Z. Shapes
 * {@link OffsetDateTime#parse} also took are refused: expanded years ({@code +300000-01-01T00:00:00Z}, which the
 * database then stored as a different instant), missing seconds, zone ids, offsets without a colon. PostgreSQL's
 * {@code timestamptz} keeps microseconds, so finer digits (Java's {@code Instant.toString()} writes nanoseconds) are
 * truncated, never rounded up (a link never outlives what was asked), before storing; the 201 echoes the stored
 * value, so it equals what the list shows.
 */
public final class Expiries {

    /** The latest instant accepted: the last second of the last four-digit year. */
    public static final OffsetDateTime MAX = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC);

    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

    private Expiries() {
    }

    /**
     * A JSON {@code expires_at}: null/absent → null (no expiry); otherwise the instant in UTC, which must be after
     * {@code now}.
     *
     * @throws ApiException 400 {@code INVALID_EXPIRY} with {@code field:"expires_at"}
     */
    public static OffsetDateTime fromJson(JsonNode value, OffsetDateTime now) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("expires_at must be an RFC 3339 timestamp");
        }
        OffsetDateTime t = parse(value.textValue());
        if (!t.isAfter(now)) {
            throw invalid("expires_at must be in the future");
        }
        return t;
    }

    /** An RFC 3339 date-time in the accepted range, as a UTC instant; otherwise 400 {@code INVALID_EXPIRY}. */
    public static OffsetDateTime parse(String text) {
        Matcher m = RFC3339.matcher(text);
        if (!m.matches()) {
            throw invalid("expires_at must be an RFC 3339 timestamp such as 2027-01-31T00:00:00Z");
        }
        OffsetDateTime t;
        try {
            String fraction = m.group(7) == null ? "" : m.group(7);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
            ZoneOffset offset = m.group(8) != null ? ZoneOffset.UTC
                    : offset(m.group(9), Integer.parseInt(m.group(10)), Integer.parseInt(m.group(11)));
            int year = Integer.parseInt(m.group(1));
            if (year == 0) {
                throw invalid("expires_at must be between year 0001 and 9999-12-31T23:59:59Z");
            }
            // LocalDateTime.of refuses what is not a real date or time: February 30th, hour 24, second 60.
            t = OffsetDateTime.of(LocalDateTime.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), nanos), offset)
                    .withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw invalid("expires_at is not a real date and time");
        }
        if (t.isAfter(MAX) || t.getYear() < 1) {
            throw invalid("expires_at must be between year 0001 and 9999-12-31T23:59:59Z");
        }
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    private static ZoneOffset offset(String sign, int hours, int minutes) {
        if (hours > 23 || minutes > 59) { // RFC 3339 time-numoffset; ZoneOffset then refuses beyond ±18:00
            throw new DateTimeException("offset out of range");
        }
        int s = sign.equals("-") ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(s * hours, s * minutes);
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("INVALID_EXPIRY", message, "expires_at");
    }
}
