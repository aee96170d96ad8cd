package io.uptimepage.shares.plan;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A per-org override: non-null columns replace the plan's caps until {@code expiresAt} (null = permanent). */
@Entity
@Table(name = "plan_overrides")
public class PlanOverride extends PanacheEntityBase {

    @Id
    public String org;

    @Column(name = "max_share_links_per_monitor")
    public Integer maxShareLinksPerMonitor;

    @Column(name = "max_shared_monitors")
    public Integer maxSharedMonitors;

    /** Seconds a link minted without {@code expires_at} lives (null = no default expiry). */
    @Column(name = "default_share_ttl")
    public Long defaultShareTtl;

    /** The longest a link may live, in seconds from now (null = no maximum). */
    @Column(name = "max_share_ttl")
    public Long maxShareTtl;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    public String reason;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
