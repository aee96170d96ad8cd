package io.uptimepage.shares.plan;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code PUT /internal/v1/orgs/{org}/limits}. The override is replaced as a whole: an absent or null key means
 * "the plan's value". Values stay raw JSON so a wrong type is a 400 naming its field; unknown keys are collected (422).
 */
public class OrgLimitsRequest {

    @JsonProperty("max_share_links_per_monitor")
    public JsonNode maxShareLinksPerMonitor;

    @JsonProperty("max_shared_monitors")
    public JsonNode maxSharedMonitors;

    @JsonProperty("default_share_ttl")
    public JsonNode defaultShareTtl;

    @JsonProperty("max_share_ttl")
    public JsonNode maxShareTtl;

    @JsonProperty("expires_at")
    public JsonNode expiresAt;

    @JsonProperty("reason")
    public JsonNode reason;

    final List<String> unknownKeys = new ArrayList<>();

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        unknownKeys.add(key);
    }
}
