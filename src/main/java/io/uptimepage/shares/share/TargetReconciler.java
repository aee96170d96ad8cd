package io.uptimepage.shares.share;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.core.CoreClient;
import io.uptimepage.shares.core.CoreConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The safety net for monitor deletion (DESIGN §4): the core's callback and the lazy revoke on a public view catch
 * most deletions; this periodic pass asks the core about every monitor that still has an unrevoked link (expired and
 * paused ones included, so a deleted monitor's links all end revoked with {@code target_deleted}) and revokes the
 * links of those it no longer knows. A core outage just ends the pass early: nothing is revoked on doubt.
 *
 * <p>One replica per interval: a pass starts by CLAIMING it in one short transaction (a transaction-scoped advisory
 * try-lock, then moving {@code reconcile_passes.claimed_at} forward, which succeeds only when the last claim is older
 * than half the interval); a replica that loses either step skips. The lock is released when that transaction
 * commits: the list of monitors is read, the core is asked about each one, and each revoke commits, all outside it,
 * so no transaction or lock is held while waiting on the core.
 */
@ApplicationScoped
public class TargetReconciler {

    static final String PASS = "targets";

    private final ShareService shares;
    private final CoreClient core;
    private final Duration minGap;

    public TargetReconciler(ShareService shares, CoreClient core, CoreConfig config) {
        this.shares = shares;
        this.core = core;
        this.minGap = config.reconcileInterval().dividedBy(2);
    }

    private record LiveTarget(String org, UUID targetId) {
    }

    @Scheduled(every = "${shares.core.reconcile-interval}", delayed = "${shares.core.reconcile-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return reconcile().onFailure().invoke(e -> Log.warnf("reconcile pass ended early: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Runs one pass; returns how many links were revoked (0 when another replica has claimed this interval's pass). */
    public Uni<Integer> reconcile() {
        return claim().flatMap(claimed -> claimed ? liveTargets().flatMap(this::revokeGone) : Uni.createFrom().item(0));
    }

    /** True when this replica won this interval's pass; the claim's transaction (and lock) ends before it returns. */
    private Uni<Boolean> claim() {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("select cast(pg_try_advisory_xact_lock(hashtextextended('shares:reconcile', 0)) as text)")
                .getSingleResult()
                .flatMap(locked -> !"true".equals(String.valueOf(locked)) ? Uni.createFrom().item(false) : s
                        .createNativeQuery("insert into reconcile_passes (name, claimed_at) values (:pass, now()) "
                                + "on conflict (name) do update set claimed_at = now() "
                                + "where reconcile_passes.claimed_at <= now() - make_interval(secs => :gap) "
                                + "returning name")
                        .setParameter("pass", PASS).setParameter("gap", (double) minGap.toSeconds())
                        .getResultList().map(rows -> !rows.isEmpty()))));
    }

    private Uni<List<LiveTarget>> liveTargets() {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s
                .createSelectionQuery("select distinct org, targetId from Share where revokedAt is null", Object[].class)
                .getResultList()))
                .map(rows -> rows.stream().map(r -> new LiveTarget((String) r[0], (UUID) r[1])).toList());
    }

    /** One core call at a time; each revoke is its own short transaction ({@link ShareService#revokeForDeletedTarget}). */
    private Uni<Integer> revokeGone(List<LiveTarget> targets) {
        return Multi.createFrom().iterable(targets)
                .onItem().transformToUniAndConcatenate(t -> core.target(t.org(), t.targetId().toString())
                        .flatMap(found -> found != null ? Uni.createFrom().item(0) : shares.revokeForDeletedTarget(t.targetId())))
                .collect().asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())
                .invoke(n -> Log.infof("reconcile: %d monitors with unrevoked links checked, %d links revoked", targets.size(), n));
    }
}
