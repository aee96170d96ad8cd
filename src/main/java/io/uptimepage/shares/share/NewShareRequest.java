package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code POST …/shares}: {@code {"label"?: string|null, "expires_at"?: RFC3339|null}}. Values stay raw JSON
 * so the service can tell a wrong type from a missing key, and unknown keys are collected (the core is strict:
 * an unknown key is 422 {@code INVALID_JSON} naming it).
 */
public class NewShareRequest {

    @JsonProperty("label")
    public JsonNode label;

    @JsonProperty("expires_at")
    public JsonNode expiresAt;

    final List<String> unknownKeys = new ArrayList<>();

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        unknownKeys.add(key);
    }
}
