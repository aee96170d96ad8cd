package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code PATCH …/shares/{shareId}}: {@code {"label"?, "expires_at"?, "paused"?, "embed_origins"?}}. A key that
 * is absent leaves its value alone (Java null); a key sent as JSON null arrives as a {@code NullNode} (clear it).
 * Unknown keys are collected: 422 {@code INVALID_JSON} naming the first, as on mint.
 */
public class ShareEditRequest {

    @JsonProperty("label")
    public JsonNode label;

    @JsonProperty("expires_at")
    public JsonNode expiresAt;

    @JsonProperty("paused")
    public JsonNode paused;

    @JsonProperty("embed_origins")
    public JsonNode embedOrigins;

    final List<String> unknownKeys = new ArrayList<>();

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        unknownKeys.add(key);
    }
}
