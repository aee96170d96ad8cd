package io.uptimepage.shares.share;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Queries on the shares table, named by intent. "Live" means not revoked and not expired at the database's
 * {@code now()}, so every replica agrees on the instant a link stops working.
 *
 * <p>Where each method runs (the services own the transactions, {@code Panache.withTransaction}):
 * <ul>
 * <li>{@link #findLiveByTokenHash} goes straight to the reactive pool: no Hibernate session, callable from anywhere.
 * <li>{@code @WithSession} reads ({@link #listForTarget}, {@link #findOnTarget}) join the caller's session or
 *     transaction when there is one and open their own otherwise.
 * <li>Everything else, the inherited {@code persist}/{@code update} included, is <b>called only inside the caller's
 *     transaction</b>: its locks, cap counts and entity changes mean something only there.
 *     {@link #lockOrg} refuses to run outside one.
 * </ul>
 */
@ApplicationScoped
public class ShareRepository implements PanacheRepositoryBase<Share, UUID> {

    private static final String LIVE = "revokedAt is null and (expiresAt is null or expiresAt > current_timestamp)";

    /** A paused link is live for the operator (lists, holds its slot) but resolves like any unknown token. */
    private static final String RESOLVE = "select id, org, target_id, embed_origins, token_hash from shares where token_hash = any($1)"
            + " and revoked_at is null and not paused and (expires_at is null or expires_at > now())";

    private final Pool client;

    public ShareRepository(Pool client) {
        this.client = client;
    }

    /**
     * The public resolve, on every {@code /m/*} request: unique-index lookups by hash, no decryption, for every hash of
     * one batch at once ({@link PublicShares} coalesces concurrent requests; one request alone is a batch of one). It
     * runs as a prepared statement straight on the reactive pool (no Hibernate session): it is the only database work
     * on the hot public path. The answer holds the hashes that resolve; any other hash is not a live link.
     */
    public Uni<Map<String, LiveShare>> findLiveByTokenHashes(Set<String> tokenHashes) {
        return client.preparedQuery(RESOLVE).execute(Tuple.of(tokenHashes.toArray(String[]::new))).map(rows -> {
            Map<String, LiveShare> found = new HashMap<>(rows.size() * 2);
            for (Row r : rows) {
                String origins = r.getString("embed_origins");
                found.put(r.getString("token_hash"), new LiveShare(r.getUUID("id"), r.getString("org"),
                        r.getUUID("target_id"), origins == null || origins.isEmpty() ? List.of() : List.of(origins.split(" "))));
            }
            return found;
        });
    }

    /**
     * A monitor's links for the operator list, newest first; {@code includeAll} adds expired and revoked ones. Used
     * outside a transaction (the list) and inside one (a status page's links, the demo link, under the org's lock).
     */
    @WithSession
    public Uni<List<Share>> listForTarget(String org, UUID targetId, boolean includeAll) {
        return list("org = ?1 and targetId = ?2" + (includeAll ? "" : " and " + LIVE) + " order by createdAt desc, id",
                org, targetId);
    }

    /**
     * A share that can still be revoked: in this org, on this monitor, not yet revoked (expired ones can be). Only
     * inside the caller's transaction, which writes the change it makes to the returned entity.
     */
    public Uni<Share> findRevocable(String org, UUID targetId, UUID shareId) {
        return find("id = ?1 and org = ?2 and targetId = ?3 and revokedAt is null", shareId, org, targetId).firstResult();
    }

    /**
     * Serialises every cap check and insert of one org until the transaction ends (any replica). Only inside the
     * caller's transaction: outside one the lock would be released as soon as taken (autocommit), so this fails with
     * {@link IllegalStateException} instead of locking nothing.
     *
     * <p>HQL rather than a native query: Hibernate caches a native select's plan under a key whose result mapping
     * compares by identity, so each call added one more plan to the shared query-plan cache (2,048 copies of this
     * query after 2,048 mints, all with the same hash, so every lookup walked all of them).
     */
    public Uni<Void> lockOrg(String org) {
        return Panache.getSession().invoke(s -> {
            if (s.currentTransaction() == null) {
                throw new IllegalStateException("lockOrg called outside a transaction: the lock would hold nothing");
            }
        }).flatMap(s -> s
                .createSelectionQuery("select cast(function('pg_advisory_xact_lock', function('hashtextextended', :k, 0)) as String)",
                        String.class)
                .setParameter("k", lockKey(org))
                .getSingleResult()).replaceWithVoid();
    }

    /**
     * Stores a new link and its {@code share.created} audit row through Hibernate, inside the caller's transaction
     * (and org lock): a status page's link and the demo's seeded link. The operator mint writes both in
     * {@link #insertWithinCaps}'s one statement instead.
     */
    public Uni<Share> persistCreated(Share s) {
        return persist(s).call(saved -> ShareAudit.of("share.created", saved, saved.createdBy, null).persist());
    }

    /** What a mint found under the org's lock: the counts the caps compare, and whether the row went in. */
    public record MintOutcome(long onTarget, long sharedMonitors, boolean inserted) {
    }

    private static final String LOCK_ORG = "select pg_advisory_xact_lock(hashtextextended($1, 0))";

    /** The links the plan caps count (DESIGN §7, §11): live and not owned by a status page; paused links hold their slot. */
    private static final String CAPPED_SQL = "revoked_at is null and (expires_at is null or expires_at > now()) and not page_owned";

    /**
     * Counts, cap check, the share row and its {@code share.created} audit row in ONE statement. Its snapshot is taken
     * when it starts, i.e. after {@link #LOCK_ORG} returned, so it sees every mint of the org that committed before
     * (the lock must stay a statement of its own: a statement's snapshot predates locks taken inside it). The
     * shared-monitors count is only evaluated when the monitor has no capped link yet (DESIGN §7).
     */
    private static final String MINT = """
            with here as (
                select count(*) as n from shares where org = $1 and target_id = $2 and %1$s),
            monitors as (
                select case when (select n from here) = 0
                    then (select count(distinct target_id) from shares where org = $1 and %1$s) else 0 end as n),
            ins as (
                insert into shares (id, org, target_id, label, token_hash, token_sealed, created_by, created_at, expires_at)
                select $3::uuid, $1, $2::uuid, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz from here, monitors
                where here.n < $10 and (here.n > 0 or monitors.n < $11)
                returning id, org, target_id),
            audit as (
                insert into share_audit (org, action, actor, share_id, target_id)
                select org, 'share.created', $7, id, target_id from ins)
            select here.n as on_target, monitors.n as shared_monitors, exists (select 1 from ins) as inserted
            from here, monitors""".formatted(CAPPED_SQL);

    /**
     * Inserts {@code s} and its audit row if the caps allow it, in a transaction of its own under the org's lock
     * (straight on the reactive pool: two statements between BEGIN and COMMIT, no Hibernate session). Every mint of
     * every replica that counts the org's links runs under the same lock, so concurrent mints cannot both take the
     * last slot.
     */
    public Uni<MintOutcome> insertWithinCaps(Share s, int maxPerMonitor, int maxSharedMonitors) {
        return client.withTransaction(conn -> conn.preparedQuery(LOCK_ORG).execute(Tuple.of(lockKey(s.org)))
                .flatMap(locked -> conn.preparedQuery(MINT).execute(Tuple.tuple(Arrays.<Object>asList(s.org, s.targetId,
                        s.id, s.label, s.tokenHash, s.tokenSealed, s.createdBy, s.createdAt, s.expiresAt, (long) maxPerMonitor,
                        (long) maxSharedMonitors)))))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new MintOutcome(r.getLong("on_target"), r.getLong("shared_monitors"), r.getBoolean("inserted"));
                });
    }

    private static String lockKey(String org) {
        return "shares:org:" + org;
    }

    /** A share of this org and monitor in any state (revoked included), or null. */
    @WithSession
    public Uni<Share> findOnTarget(String org, UUID targetId, UUID shareId) {
        return find("id = ?1 and org = ?2 and targetId = ?3", shareId, org, targetId).firstResult();
    }

    /** Every unrevoked link of a monitor, in any org (the core's target ids are globally unique); only inside the revoking transaction. */
    public Uni<List<Share>> listUnrevokedForTarget(UUID targetId) {
        return list("targetId = ?1 and revokedAt is null", targetId);
    }

    /** Rows whose sealed token may need re-sealing, in id order, one page at a time; only inside the re-seal's transaction. */
    public Uni<List<Share>> pageAfter(UUID after, int size) {
        return find(after == null ? "order by id" : "id > ?1 order by id", after == null ? new Object[0] : new Object[] { after })
                .page(0, size).list();
    }

    /** Adds buffered view counts: one UPDATE per share per flush, only inside the flush's transaction (with the day's stats; {@link PublicShares}). */
    public Uni<Integer> addViews(UUID shareId, long views, OffsetDateTime lastViewedAt) {
        return update("viewCount = viewCount + ?1, lastViewedAt = case when lastViewedAt is null or lastViewedAt < ?2 "
                + "then ?2 else lastViewedAt end where id = ?3", views, lastViewedAt, shareId);
    }
}
