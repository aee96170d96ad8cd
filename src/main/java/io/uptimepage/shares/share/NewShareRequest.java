package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code POST …/shares}: {@code {"label"?: string|null, "expires_at"?: RFC3339|null}}. Values stay raw JSON
 * so the service can tell a wrong type from a missing key, and unknown keys are collected (the core is strict:
 * an unknown key is 422 {@code INVALID_JSON} naming it).
 */
@Schema(name = "NewShare", additionalProperties = Schema.False.class)
public class NewShareRequest {

    @JsonProperty("label")
    @Schema(implementation = String.class, nullable = true, maxLength = 80, examples = "status for ACME",
            description = "trimmed; blank becomes null; at most 80 code points")
    public JsonNode label;

    @JsonProperty("expires_at")
    @Schema(implementation = String.class, format = "date-time", nullable = true,
            description = "RFC 3339, in the future and within the plan's maximum; null: no expiry")
    public JsonNode expiresAt;

    @Schema(hidden = true)
    final List<String> unknownKeys = new ArrayList<>();

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        unknownKeys.add(key);
    }
}
