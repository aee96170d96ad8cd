package io.uptimepage.shares.share;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An audit row ({@code share.created}, {@code share.updated}, {@code share.paused}, {@code share.resumed},
 * {@code share.revoked}), written in the transaction of the change.
 */
@Entity
@Table(name = "share_audit")
public class ShareAudit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(insertable = false, updatable = false)
    public OffsetDateTime at;

    @Column(nullable = false)
    public String org;

    @Column(nullable = false)
    public String action;

    public String actor;

    @Column(name = "share_id", nullable = false)
    public UUID shareId;

    @Column(name = "target_id", nullable = false)
    public UUID targetId;

    public String reason;

    /** A JSON object as text (what an edit changed, a bulk revoke's operator reason), or null. */
    public String details;

    static ShareAudit of(String action, Share share, String actor, String reason) {
        ShareAudit a = new ShareAudit();
        a.org = share.org;
        a.action = action;
        a.actor = actor;
        a.shareId = share.id;
        a.targetId = share.targetId;
        a.reason = reason;
        return a;
    }
}
