package io.uptimepage.shares.share;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.uptimepage.shares.crypto.KeyRing;
import io.uptimepage.shares.crypto.Tokens;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One share link. Never leaves the service layer: resources return {@link ShareResponse}.
 *
 * <p>{@code @DynamicUpdate}: an edit writes only the columns it changed. The view-count flush adds to
 * {@code view_count}/{@code last_viewed_at} with its own UPDATE; a full-row UPDATE from an edit that read the row
 * before that flush committed would put the old count back (ShareEditConcurrentViewsTest).
 */
@Entity
@DynamicUpdate
@Table(name = "shares")
public class Share extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String org;

    @Column(name = "target_id", nullable = false)
    public UUID targetId;

    public String label;

    /** Lowercase hex SHA-256 of the token: the only thing the public path looks up. */
    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    /** The token sealed under the key ring (or plaintext without a KEK), for the operator's re-copy. */
    @Column(name = "token_sealed", nullable = false)
    public String tokenSealed;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Column(name = "revoke_reason")
    public String revokeReason;

    @Column(name = "view_count", nullable = false)
    public long viewCount;

    @Column(name = "last_viewed_at")
    public OffsetDateTime lastViewedAt;

    /** The core's status pages that use this link (DESIGN §11); empty for a link an operator minted. */
    @Convert(converter = PageRefs.class)
    @Column(name = "used_by_pages", nullable = false)
    public List<PageRef> usedByPages = List.of();

    /** Derived by the database from {@link #usedByPages}: page-owned links do not count toward the caps. */
    @Column(name = "page_owned", insertable = false, updatable = false)
    public boolean pageOwned;

    /** A status page of the core, as its share object lists it. */
    public record PageRef(String name, String slug) {
    }

    /** Paused: every public route answers the uniform 404 until resumed; the link still lists and holds its slot. */
    @Column(nullable = false)
    public boolean paused;

    /** Exact https origins that may frame the link, space-separated ('' = none); see {@link EmbedOrigins}. */
    @Column(name = "embed_origins", nullable = false)
    public String embedOrigins = "";

    /**
     * A new link's row, not yet stored: a fresh id, the token's hash (the public lookup) and its copy sealed under
     * that id (the operator's re-copy). Every way a link comes into being (mint, a status page's link, the demo's
     * seeded link) builds it here; the caller sets what differs (expiry, pages).
     */
    static Share newLink(String token, KeyRing keys, String org, UUID targetId, String label, String createdBy,
            OffsetDateTime createdAt) {
        Share s = new Share();
        s.id = UUID.randomUUID();
        s.org = org;
        s.targetId = targetId;
        s.label = label;
        s.tokenHash = Tokens.hash(token);
        s.tokenSealed = keys.seal(token, s.id);
        s.createdBy = createdBy;
        s.createdAt = createdAt;
        return s;
    }

    /** {@link #embedOrigins} as a list, in the order the operator gave them. */
    public List<String> embedOriginList() {
        return embedOrigins == null || embedOrigins.isEmpty() ? List.of() : List.of(embedOrigins.split(" "));
    }

    /** {@code active}, {@code paused}, {@code expired} or {@code revoked} at {@code now} (in that order of precedence, reversed). */
    public String state(OffsetDateTime now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return "expired";
        }
        return paused ? "paused" : "active";
    }
}
