package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One row of the org's audit trail, as {@code GET /api/v1/shares/audit} returns it. */
public record AuditEntry(
        OffsetDateTime at,
        String action,
        String actor,
        @JsonProperty("share_id") UUID shareId,
        @JsonProperty("target_id") UUID targetId,
        String reason,
        JsonNode details) {

    /** A page of the trail: {@code {"items":[…],"next_cursor":string|null}}. */
    public record Page(List<AuditEntry> items, @JsonProperty("next_cursor") String nextCursor) {
    }
}
