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
@Schema(name = "BulkRevoke", description = "exactly one of target_id, created_by, all:true; optional reason")
public class BulkRevokeRequest {

    @JsonProperty("target_id")
    @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "uuid")
    public JsonNode targetId;

    @JsonProperty("created_by")
    @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)
    public JsonNode createdBy;

    @JsonProperty("all")
    @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.BOOLEAN, enumeration = "true")
    public JsonNode all;

    @JsonProperty("reason")
    @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, maxLength = 200)
    public JsonNode reason;

    final List<String> unknownKeys = new ArrayList<>();

    @JsonAnySetter
    void unknown(String key, Object ignored) {
        unknownKeys.add(key);
    }
}
