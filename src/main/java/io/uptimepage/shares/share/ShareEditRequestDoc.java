package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The documented shape of {@link ShareEditRequest} for OpenAPI (that class keeps raw JSON values to tell a missing
 * key from a wrong type, which a schema generator cannot describe).
 */
@Schema(name = "ShareEdit", description = "Every key optional; an absent key leaves the value alone")
record ShareEditRequestDoc(
        @Schema(description = "trimmed; blank or null clears it; at most 80 code points", nullable = true) String label,
        @JsonProperty("expires_at") @Schema(description = "RFC 3339; null removes the expiry (within the plan's max)",
                nullable = true) OffsetDateTime expiresAt,
        @Schema(description = "true: every public route answers the uniform 404 until false again (same token)") Boolean paused,
        @JsonProperty("embed_origins") @Schema(description = "exact https origins (https://host[:port]), at most 5, deduplicated")
        List<String> embedOrigins) {
}
