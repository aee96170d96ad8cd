package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code POST /api/v1/shares/revoke}: exactly one selector of {@code target_id} (a monitor),
 * {@code created_by} (a departed member) or {@code all: true} (the org's kill switch), and an optional {@code reason}.
 */
@Schema(name = "BulkRevoke", additionalProperties = Schema.False.class,
        description = "exactly one of target_id, created_by, all:true; optional reason")
public class BulkRevokeRequest {

    @JsonProperty("target_id")
    @Schema(implementation = String.class, format = "uuid", description = "revoke this monitor's links")
    public JsonNode targetId;

    @JsonProperty("created_by")
    @Schema(implementation = String.class, description = "revoke the links this member (JWT subject) minted")
    public JsonNode createdBy;

    @JsonProperty("all")
    @Schema(implementation = Boolean.class, enumeration = "true", description = "revoke every link of the org")
    public JsonNode all;

    @JsonProperty("reason")
    @Schema(implementation = String.class, nullable = true, maxLength = 200, description = "kept in the audit trail")
    public JsonNode reason;

    @Schema(hidden = true)
    final List<String> unknownKeys = new ArrayList<>();

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        unknownKeys.add(key);
    }
}
