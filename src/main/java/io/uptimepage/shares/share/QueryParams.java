package io.uptimepage.shares.share;

import io.uptimepage.shares.error.ApiException;

import java.util.UUID;

/** Query-parameter parsing of the org-wide lists: every malformed value is 400 {@code INVALID_QUERY} naming it. */
final class QueryParams {

    static final int MAX_TEXT_CODE_POINTS = 200;

    private QueryParams() {
    }

    /** An optional uuid filter. */
    static UUID uuid(String raw, String field) {
        if (raw == null) {
            return null;
        }
        UUID id = ShareService.uuidOrNull(raw);
        if (id == null) {
            throw ApiException.badRequest("INVALID_QUERY", field + " must be a uuid", field);
        }
        return id;
    }

    /** An optional free-text filter (a user id): non-blank, at most 200 code points, no control characters. */
    static String text(String raw, String field) {
        if (raw == null) {
            return null;
        }
        if (raw.isBlank() || raw.codePointCount(0, raw.length()) > MAX_TEXT_CODE_POINTS
                || raw.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("INVALID_QUERY", field + " must be a user id", field);
        }
        return raw;
    }
}
