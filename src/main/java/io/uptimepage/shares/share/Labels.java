package io.uptimepage.shares.share;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptimepage.shares.error.ApiException;

/**
 * The one rule for a share label (DESIGN §2 "Input hygiene"), used by every route that accepts one. A label is text a
 * person reads: surrounding whitespace is trimmed, blank means no label, at most 80 code points, and it may not hold
 * C0/C1 control characters (U+0000–001F, U+007F–009F: tab and newline included), unpaired surrogates (Jackson decodes
 * {@code "\ud800"} into a lone surrogate) or bidi embedding/override/isolate controls (U+202A–202E, U+2066–2069).
 * Everything else (emoji, ZWJ sequences, combining marks, every script) is kept exactly as sent: no normalisation.
 */
public final class Labels {

    public static final int MAX_CODE_POINTS = 80;

    private Labels() {
    }

    /** A JSON label value: null/absent → null; a string → {@link #normalize(String)}; anything else → 400. */
    public static String fromJson(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("label must be a string");
        }
        return normalize(value.textValue());
    }

    /**
     * The label to store: {@code raw} trimmed, or null when blank. Controls are refused wherever they are, even where
     * trimming would have removed them: what is stored must be what the caller meant, not a silent repair.
     *
     * @throws ApiException 400 {@code SHARE_LABEL_INVALID} with {@code field:"label"}
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String problem = problem(raw);
        if (problem != null) {
            throw invalid(problem);
        }
        String label = raw.strip();
        if (label.isEmpty()) {
            return null;
        }
        if (label.codePointCount(0, label.length()) > MAX_CODE_POINTS) {
            throw invalid("label must be at most " + MAX_CODE_POINTS + " characters");
        }
        return label;
    }

    /** Why {@code s} may not be a label, or null if its characters are all allowed (length is not checked here). */
    static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                return "label may not contain control characters";
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return "label may not contain bidirectional embedding, override or isolate characters";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a well-formed pair: one supplementary character (an emoji, say)
                    continue;
                }
                return "label may not contain unpaired surrogates";
            }
            if (Character.isLowSurrogate(c)) {
                return "label may not contain unpaired surrogates";
            }
        }
        return null;
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("SHARE_LABEL_INVALID", message, "label");
    }
}
