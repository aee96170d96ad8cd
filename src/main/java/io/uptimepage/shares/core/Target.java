package io.uptimepage.shares.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The core's target ({@code GET /api/v1/targets/{id}}). The check stays raw JSON: it is a tagged union of eight
 * kinds, and public redaction masks whole classes of fields rather than mapping known ones.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Target(
        String id,
        String name,
        ObjectNode check,
        long interval,
        boolean enabled,
        List<String> tags,
        @JsonProperty("group_name") String groupName,
        @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("updated_at") OffsetDateTime updatedAt,
        @JsonProperty("plan_hold_at") OffsetDateTime planHoldAt) {

    /** A held monitor stops being probed; its share links 404 and no new ones can be minted. */
    public boolean held() {
        return planHoldAt != null;
    }

    public String kind() {
        return check == null || !check.hasNonNull("type") ? "unknown" : check.get("type").asText();
    }
}
