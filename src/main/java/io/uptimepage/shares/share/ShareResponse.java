package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The share object of DESIGN §2, as the operator API returns it. */
@Schema(name = "Share", additionalProperties = Schema.False.class, requiredProperties = { "id", "target_id",
        "label", "token", "url", "copyable", "state", "created_at", "created_by", "expires_at", "revoked_at",
        "view_count", "last_viewed_at" })
public record ShareResponse(
        UUID id,
        @JsonProperty("target_id") UUID targetId,
        @Schema(nullable = true, maxLength = 80, examples = "status for ACME") String label,
        @Schema(nullable = true, description = "null when the stored token cannot be opened") String token,
        @Schema(nullable = true, format = "uri", description = "`{public-base-url}/m/{token}`") String url,
        boolean copyable,
        @Schema(enumeration = { "active", "expired", "revoked", "paused" }) String state,
        @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("created_by") @Schema(nullable = true, description = "the JWT subject that minted it") String createdBy,
        @JsonProperty("expires_at") @Schema(nullable = true) OffsetDateTime expiresAt,
        @JsonProperty("revoked_at") @Schema(nullable = true) OffsetDateTime revokedAt,
        @JsonProperty("view_count") @Schema(minimum = "0") long viewCount,
        @JsonProperty("last_viewed_at") @Schema(nullable = true) OffsetDateTime lastViewedAt,
        boolean paused,
        @JsonProperty("embed_origins") List<String> embedOrigins,
        @JsonProperty("unique_viewers_30d") @Schema(minimum = "0") long uniqueViewers30d,
        @JsonProperty("used_by_pages") List<Share.PageRef> usedByPages) {

    /** A share with no viewers yet (a fresh mint). */
    static ShareResponse from(Share s, String token, String baseUrl, OffsetDateTime now) {
        return from(s, token, baseUrl, now, 0);
    }

    /**
     * {@code token} is the opened token or null when it cannot be unsealed (then the link is not copyable);
     * {@code uniqueViewers30d} the sum of the last 30 days' daily unique viewers.
     */
    static ShareResponse from(Share s, String token, String baseUrl, OffsetDateTime now, long uniqueViewers30d) {
        return new ShareResponse(s.id, s.targetId, s.label, token, token == null ? null : baseUrl + "/m/" + token,
                token != null, s.state(now), utc(s.createdAt), s.createdBy, utc(s.expiresAt), utc(s.revokedAt),
                s.viewCount, utc(s.lastViewedAt), s.paused, s.embedOriginList(), uniqueViewers30d,
                s.usedByPages == null ? List.of() : s.usedByPages);
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
