package io.uptimepage.shares.plan;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A plan's share caps (seeded by Flyway: free 1/2, founding 3/5, pro 3/5, team 5/10). */
@Entity
@Table(name = "plans")
public class Plan extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "max_share_links_per_monitor", nullable = false)
    public int maxShareLinksPerMonitor;

    @Column(name = "max_shared_monitors", nullable = false)
    public int maxSharedMonitors;

    /** Seconds a link minted without {@code expires_at} lives (null = no default expiry). */
    @Column(name = "default_share_ttl")
    public Long defaultShareTtl;

    /** The longest a link may live, in seconds from now (null = no maximum). */
    @Column(name = "max_share_ttl")
    public Long maxShareTtl;
}
