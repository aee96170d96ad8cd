package io.uptimepage.shares.plan;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/**
 * Resolves the caps and expiry policy in force for an org. Used inside other features' transactions (the mint reads
 * the limits in its transaction, before taking the org's lock; a link edit reads them in its own) and outside any (the
 * internal limits endpoint): {@code @WithSession} joins the caller's session when there is one, so the mint pays no
 * extra round trip, and opens one otherwise, so no caller depends on a session someone else opened.
 */
@ApplicationScoped
public class PlanService {

    public static final String DEFAULT_PLAN = "free";

    /** The plan named by the caller's token (unknown or missing → free) with the org's live override applied. */
    @WithSession
    public Uni<Limits> limitsFor(String org, String planId) {
        return effective(org, planId).map(OrgLimits::limits);
    }

    /**
     * The same, with where each value comes from (the internal limits endpoint). ONE query (the plan wanted, the free
     * plan as its fallback, and the org's override): the mint runs it inside its transaction, so each round trip here
     * is one more on every mint.
     */
    @WithSession
    public Uni<OrgLimits> effective(String org, String planId) {
        String wanted = planId == null || planId.isBlank() ? DEFAULT_PLAN : planId;
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                        "select p, o from Plan p left join PlanOverride o on o.org = :org where p.id in (:wanted, :fallback)",
                        Object[].class)
                .setParameter("org", org).setParameter("wanted", wanted).setParameter("fallback", DEFAULT_PLAN)
                .getResultList())
                .map(rows -> {
                    Object[] chosen = null;
                    for (Object[] row : rows) {
                        if (chosen == null || ((Plan) row[0]).id.equals(wanted)) {
                            chosen = row;
                        }
                    }
                    if (chosen == null) {
                        throw new IllegalStateException("plan '" + DEFAULT_PLAN + "' is missing from the plans table");
                    }
                    return OrgLimits.of(org, (Plan) chosen[0], live((PlanOverride) chosen[1]));
                });
    }

    private static PlanOverride live(PlanOverride o) {
        return o != null && (o.expiresAt == null || o.expiresAt.isAfter(OffsetDateTime.now())) ? o : null;
    }
}
