package io.uptimepage.shares.share;

import io.uptimepage.shares.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opaque keyset cursors: base64url of the sort key of the last item of a page. Clients must not parse them; anything
 * that does not decode to a cursor of the right kind is 400 {@code INVALID_QUERY} with {@code field:"cursor"}.
 */
final class PageCursor {

    /** Limits of every cursor-paged list: default 50, at most 200. */
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private static final Pattern SHARE = Pattern.compile("s1:(-?[0-9]{1,19}):([0-9a-f-]{36})");
    private static final Pattern AUDIT = Pattern.compile("a1:([0-9]{1,19})");

    /** Position after a share in (created_at desc, id desc) order. */
    record ShareKey(OffsetDateTime createdAt, UUID id) {
    }

    private PageCursor() {
    }

    static String ofShare(Share s) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, s.createdAt.toInstant());
        return encode("s1:" + micros + ":" + s.id);
    }

    static ShareKey share(String cursor) {
        Matcher m = SHARE.matcher(decode(cursor));
        if (!m.matches()) {
            throw invalid();
        }
        try {
            OffsetDateTime at = Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
            return new ShareKey(at, UUID.fromString(m.group(2)));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    static String ofAudit(long id) {
        return encode("a1:" + id);
    }

    static long audit(String cursor) {
        Matcher m = AUDIT.matcher(decode(cursor));
        if (!m.matches()) {
            throw invalid();
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    /** {@code ?limit=}: absent → 50; an integer 1..200, else 400 INVALID_QUERY. */
    static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the same 400 as out of range
        }
        throw ApiException.badRequest("INVALID_QUERY", "limit must be an integer from 1 to " + MAX_LIMIT, "limit");
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
    }

    private static String decode(String cursor) {
        if (cursor.length() > 200) {
            throw invalid();
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("INVALID_QUERY", "cursor is not one this list gave out", "cursor");
    }
}
