package io.uptimepage.shares.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptimepage.shares.crypto.KeyRing;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.error.ApiException;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns one NDJSON line of an export into an {@link ImportRow}, or says why it is rejected. Keys are those of
 * {@code row_to_json} over {@code monitor_shares} plus {@code org} and {@code used_by_pages}; other keys are ignored.
 * The token must be provable: a plaintext {@code token_enc}, or a {@code v1:} envelope some configured key opens, must
 * hash to {@code token_hash}. An envelope no key opens is accepted as it is (its link works; it is not copyable).
 */
final class ImportLineParser {

    /** A line that cannot go in: the reason is safe to show (it never contains a token or a label). */
    static final class Rejected extends Exception {
        final UUID id;

        Rejected(UUID id, String reason) {
            super(reason, null, false, false);
            this.id = id;
        }
    }

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** The core's org slug syntax (CORE-REFERENCE §4): 3–30 of [a-z0-9-], a leading letter, no "--". */
    private static final Pattern ORG_SLUG = Pattern.compile("(?!.*--)[a-z][a-z0-9-]{2,29}");
    private static final Pattern PAGE_SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final int MAX_PAGE_NAME = 200;
    private static final int MAX_CREATED_BY = 128;
    private static final int MAX_PAGES = 100;

    private final ObjectMapper json;
    private final KeyRing keys;

    ImportLineParser(ObjectMapper json, KeyRing keys) {
        this.json = json;
        this.keys = keys;
    }

    ImportRow parse(int line, byte[] text) throws Rejected {
        JsonNode o;
        try {
            o = json.readTree(text);
        } catch (IOException e) {
            throw new Rejected(null, "not a JSON object");
        }
        if (o == null || !o.isObject()) {
            throw new Rejected(null, "not a JSON object");
        }
        UUID id = uuid(o, "id", null);
        UUID targetId = uuid(o, "target_id", id);
        String org = org(o, id);
        String tokenHash = text(o, "token_hash", id);
        if (!HASH.matcher(tokenHash).matches()) {
            throw new Rejected(id, "token_hash is not 64 lowercase hex characters");
        }
        String tokenEnc = text(o, "token_enc", id);
        Optional<String> token = keys.open(tokenEnc, id);
        if (token.isPresent()) {
            if (!Tokens.hash(token.get()).equals(tokenHash)) {
                throw new Rejected(id, "token_enc does not match token_hash");
            }
            if (!Tokens.looksLikeToken(token.get())) {
                throw new Rejected(id, "token_enc is not a share token");
            }
        } else if (!tokenEnc.startsWith("v1:") && !tokenEnc.startsWith("v2:")) {
            throw new Rejected(id, "token_enc is not an envelope or a token");
        }
        String label;
        try {
            label = Labels.normalize(optionalText(o, "label", id));
        } catch (ApiException e) {
            throw new Rejected(id, e.getMessage());
        }
        String createdBy = optionalText(o, "created_by", id);
        if (createdBy != null && (createdBy.length() > MAX_CREATED_BY || hasForbiddenChar(createdBy))) {
            throw new Rejected(id, "created_by is not a user id");
        }
        OffsetDateTime createdAt = time(o, "created_at", id);
        if (createdAt == null) {
            throw new Rejected(id, "created_at is missing");
        }
        JsonNode views = o.get("view_count");
        long viewCount = 0;
        if (views != null && !views.isNull()) {
            if (!views.canConvertToLong() || !views.isIntegralNumber() || views.asLong() < 0) {
                throw new Rejected(id, "view_count is not a non-negative integer");
            }
            viewCount = views.asLong();
        }
        return new ImportRow(line, id, org, targetId, tokenHash, tokenEnc, label, createdBy, createdAt,
                time(o, "expires_at", id), time(o, "revoked_at", id), viewCount, time(o, "last_viewed_at", id),
                pages(o.get("used_by_pages"), id));
    }

    /** Characters DESIGN §2 forbids in text a person reads (the label rule, {@link Labels#problem}). */
    static boolean hasForbiddenChar(String s) {
        return Labels.problem(s) != null;
    }

    /** {@code org} (the slug) when present, else {@code org_id} verbatim. */
    private static String org(JsonNode o, UUID id) throws Rejected {
        JsonNode slug = o.get("org");
        if (slug != null && !slug.isNull()) {
            if (!slug.isTextual() || !ORG_SLUG.matcher(slug.asText()).matches()) {
                throw new Rejected(id, "org is not an org slug");
            }
            return slug.asText();
        }
        return uuid(o, "org_id", id).toString();
    }

    private static List<Share.PageRef> pages(JsonNode v, UUID id) throws Rejected {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > MAX_PAGES) {
            throw new Rejected(id, "used_by_pages is not a list of pages");
        }
        List<Share.PageRef> pages = new ArrayList<>(v.size());
        for (JsonNode p : v) {
            JsonNode name = p.get("name");
            JsonNode slug = p.get("slug");
            if (!p.isObject() || name == null || !name.isTextual() || slug == null || !slug.isTextual()
                    || name.asText().isBlank() || name.asText().codePointCount(0, name.asText().length()) > MAX_PAGE_NAME
                    || hasForbiddenChar(name.asText()) || !PAGE_SLUG.matcher(slug.asText()).matches()) {
                throw new Rejected(id, "used_by_pages is not a list of pages");
            }
            pages.add(new Share.PageRef(name.asText(), slug.asText()));
        }
        return List.copyOf(pages);
    }

    private static UUID uuid(JsonNode o, String key, UUID id) throws Rejected {
        UUID value = ShareService.uuidOrNull(o.path(key).isTextual() ? o.get(key).asText() : null);
        if (value == null) {
            throw new Rejected(id, key + " is not a uuid");
        }
        return value;
    }

    private static String text(JsonNode o, String key, UUID id) throws Rejected {
        String value = optionalText(o, key, id);
        if (value == null || value.isEmpty()) {
            throw new Rejected(id, key + " is missing");
        }
        return value;
    }

    private static String optionalText(JsonNode o, String key, UUID id) throws Rejected {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Rejected(id, key + " is not a string");
        }
        return v.asText();
    }

    /** An RFC 3339 instant as {@code row_to_json} writes a timestamptz, stored at microsecond precision in UTC. */
    private static OffsetDateTime time(JsonNode o, String key, UUID id) throws Rejected {
        String v = optionalText(o, key, id);
        if (v == null) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(v);
            if (t.getYear() < 1 || t.getYear() > 9999) {
                throw new Rejected(id, key + " is not a timestamp");
            }
            return t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new Rejected(id, key + " is not a timestamp");
        }
    }
}
