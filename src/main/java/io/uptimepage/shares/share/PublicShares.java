package io.uptimepage.shares.share;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The share package's way in for the public view: resolve a token's hash to its live share, and add buffered view
 * counts. Plain records and counts out, never an entity; the queries stay in {@link ShareRepository}.
 */
@ApplicationScoped
public class PublicShares {

    private final ShareRepository shares;
    private final LookupBatches<String, LiveShare> resolves;

    public PublicShares(ShareRepository shares, ShareConfig config) {
        this.shares = shares;
        this.resolves = new LookupBatches<>(shares::findLiveByTokenHashes, config.resolve().maxInFlight());
    }

    /**
     * The live share of a token hash, or null: a paused, revoked, expired or unknown link alike. Read from the
     * database on every call (a prepared unique-index lookup on the reactive pool, no Hibernate session, no
     * transaction), never cached: a revoke on any replica takes effect on the next request. Concurrent calls are
     * coalesced ({@link LookupBatches}): at most {@code shares.resolve.max-in-flight} queries at once, each call
     * answered by a query sent after it was made, the keys waiting meanwhile (each hash once) in the next one.
     */
    public Uni<LiveShare> liveByTokenHash(String tokenHash) {
        return resolves.lookup(tokenHash);
    }

    /**
     * Adds one flush's buffered views of a link ({@code view_count}, and {@code last_viewed_at} if later): one UPDATE.
     * Runs in the CALLER's Hibernate Reactive transaction ({@code Panache.withTransaction}), so a flush writes every
     * link's count and its day's stats atomically; without one it fails (no session). The caller orders its links by
     * share id, the order the import's merges lock rows in ({@link ImportWriter}), so the two cannot deadlock.
     */
    public Uni<Integer> addViews(UUID shareId, long views, OffsetDateTime lastViewedAt) {
        return shares.addViews(shareId, views, lastViewedAt);
    }
}
