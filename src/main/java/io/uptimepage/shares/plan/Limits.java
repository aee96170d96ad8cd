package io.uptimepage.shares.plan;

/**
 * The share caps and expiry policy in force for one org: its plan's values, with any live per-org override applied.
 *
 * @param defaultShareTtl seconds a link minted without {@code expires_at} lives, or null (no default expiry)
 * @param maxShareTtl     the longest a link may live, in seconds from now, or null (no maximum)
 */
public record Limits(String plan, int maxShareLinksPerMonitor, int maxSharedMonitors, Long defaultShareTtl,
        Long maxShareTtl) {

    public Limits(String plan, int maxShareLinksPerMonitor, int maxSharedMonitors) {
        this(plan, maxShareLinksPerMonitor, maxSharedMonitors, null, null);
    }
}
