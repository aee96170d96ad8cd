package io.uptimepage.shares.plan;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code PUT /internal/v1/orgs/{org}/limits}. The override is replaced as a whole: an absent or null key means
 * "the plan's value". Values stay raw JSON so a wrong type is a 400 naming its field; unknown keys are collected (422).
 */
@Schema(name = "OrgLimitsRequest", additionalProperties = Schema.False.class,
        description = "the whole override: an absent or null key means the plan's value")
public class OrgLimitsRequest {

    @JsonProperty("max_share_links_per_monitor")
    @Schema(implementation = Integer.class, nullable = true, minimum = "0", description = "null or absent: the plan's")
    public JsonNode maxShareLinksPerMonitor;

    @JsonProperty("max_shared_monitors")
    @Schema(implementation = Integer.class, nullable = true, minimum = "0", description = "null or absent: the plan's")
    public JsonNode maxSharedMonitors;

    @JsonProperty("default_share_ttl")
    @Schema(implementation = Long.class, nullable = true, minimum = "1",
            description = "seconds, at most max_share_ttl; null or absent: the plan's")
    public JsonNode defaultShareTtl;

    @JsonProperty("max_share_ttl")
    @Schema(implementation = Long.class, nullable = true, minimum = "1", description = "seconds; null or absent: the plan's")
    public JsonNode maxShareTtl;

    @JsonProperty("expires_at")
    @Schema(implementation = String.class, format = "date-time", nullable = true,
            description = "when the override lapses (future RFC 3339); null: never")
    public JsonNode expiresAt;

    @JsonProperty("reason")
    @Schema(implementation = String.class, nullable = true, maxLength = 200)
    public JsonNode reason;

    @Schema(hidden = true)
    final List<String> unknownKeys = new ArrayList<>();

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        unknownKeys.add(key);
    }
}
