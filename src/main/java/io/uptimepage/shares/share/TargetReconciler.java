package io.uptimepage.shares.share;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.core.CoreClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * The safety net for monitor deletion (DESIGN §4): the core's callback and the lazy revoke on a public view catch
 * most deletions; this periodic pass asks the core about every monitor that still has live links and revokes the
 * links of those it no longer knows. One replica at a time (a transaction-scoped advisory try-lock); the others skip.
 * A core outage just ends the pass early: nothing is revoked on doubt.
 */
@ApplicationScoped
public class TargetReconciler {

    private final ShareService shares;
    private final CoreClient core;

    public TargetReconciler(ShareService shares, CoreClient core) {
        this.shares = shares;
        this.core = core;
    }

    private record LiveTarget(String org, UUID targetId) {
    }

    @Scheduled(every = "${shares.core.reconcile-interval}", delayed = "${shares.core.reconcile-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return reconcile().onFailure().invoke(e -> Log.warnf("reconcile pass ended early: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Runs one pass; returns how many links were revoked (0 when another replica holds the pass). */
    public Uni<Integer> reconcile() {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s
                .createNativeQuery("select cast(pg_try_advisory_xact_lock(hashtextextended('shares:reconcile', 0)) as text)")
                .getSingleResult())
                .flatMap(locked -> !"true".equals(String.valueOf(locked)) ? Uni.createFrom().item(0)
                        : liveTargets().flatMap(this::revokeGone)));
    }

    private Uni<List<LiveTarget>> liveTargets() {
        return Panache.getSession().flatMap(s -> s
                .createSelectionQuery("select distinct org, targetId from Share where revokedAt is null", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new LiveTarget((String) r[0], (UUID) r[1])).toList());
    }

    private Uni<Integer> revokeGone(List<LiveTarget> targets) {
        return Multi.createFrom().iterable(targets)
                .onItem().transformToUniAndConcatenate(t -> core.target(t.org(), t.targetId().toString())
                        .flatMap(found -> found != null ? Uni.createFrom().item(0) : shares.revokeForDeletedTarget(t.targetId())))
                .collect().asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())
                .invoke(n -> Log.infof("reconcile: %d monitors with live links checked, %d links revoked", targets.size(), n));
    }
}
