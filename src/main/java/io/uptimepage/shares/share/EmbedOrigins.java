package io.uptimepage.shares.share;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptimepage.shares.error.ApiException;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The origins allowed to frame a link (DESIGN §12): exact https origins {@code https://host[:port]}, no path, query,
 * fragment, userinfo or wildcard; at most {@value #MAX}; duplicates dropped (compared after lower-casing the host and
 * dropping the default port 443). Anything else → 400 {@code INVALID_EMBED_ORIGINS} with {@code field:"embed_origins"}.
 */
final class EmbedOrigins {

    static final int MAX = 5;
    /** https://, an LDH host name of dot-separated labels (or an IPv4 address), an optional port. */
    private static final Pattern ORIGIN = Pattern.compile(
            "https://((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?::([0-9]{1,5}))?");

    private EmbedOrigins() {
    }

    /** The validated origins, space-joined as stored ('' for none); null or [] clears them. */
    static String parse(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isArray()) {
            throw invalid("embed_origins must be an array of https origins");
        }
        if (value.size() > MAX * 4) {
            throw invalid("embed_origins holds at most " + MAX + " origins");
        }
        Set<String> origins = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw invalid("each embed origin must be a string like https://wiki.example.com");
            }
            origins.add(normalise(item.asText()));
        }
        if (origins.size() > MAX) {
            throw invalid("embed_origins holds at most " + MAX + " origins");
        }
        return String.join(" ", origins);
    }

    private static String normalise(String raw) {
        if (raw.length() > 300) {
            throw invalid("an embed origin is at most 300 characters");
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        Matcher m = ORIGIN.matcher(lower);
        if (!m.matches() || m.group(1).length() > 253) {
            throw invalid("`" + printable(raw) + "` is not an https origin (https://host[:port], no path)");
        }
        String port = m.group(2);
        if (port != null) {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw invalid("`" + printable(raw) + "` has no valid port");
            }
            return p == 443 ? "https://" + m.group(1) : "https://" + m.group(1) + ":" + p;
        }
        return "https://" + m.group(1);
    }

    /** The value as it may appear in an error message: printable ASCII only, at most 80 characters. */
    private static String printable(String raw) {
        String s = raw.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("INVALID_EMBED_ORIGINS", message, "embed_origins");
    }
}
