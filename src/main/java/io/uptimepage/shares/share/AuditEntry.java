package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One row of the org's audit trail, as {@code GET /api/v1/shares/audit} returns it. */
@Schema(name = "AuditEntry", requiredProperties = { "at", "action", "actor", "share_id", "target_id", "reason",
        "details" }, additionalProperties = Schema.False.class)
public record AuditEntry(
        OffsetDateTime at,
        @Schema(enumeration = { "share.created", "share.updated", "share.paused", "share.resumed", "share.revoked" })
        String action,
        @Schema(nullable = true, description = "the JWT subject who acted; null for the core or a status page")
        String actor,
        @JsonProperty("share_id") UUID shareId,
        @JsonProperty("target_id") UUID targetId,
        @Schema(nullable = true, description = "why, e.g. `target_deleted`, `bulk` or an operator's words") String reason,
        @Schema(type = SchemaType.OBJECT, implementation = Map.class, nullable = true,
                description = "what an edit changed, a bulk revoke's operator reason") JsonNode details) {

    /** A page of the trail: {@code {"items":[…],"next_cursor":string|null}}. */
    @Schema(name = "AuditPage", requiredProperties = { "items", "next_cursor" },
            additionalProperties = Schema.False.class)
    public record Page(List<AuditEntry> items,
            @JsonProperty("next_cursor") @Schema(nullable = true, description = "pass as `cursor` for the next page; "
                    + "null on the last page") String nextCursor) {
    }
}
