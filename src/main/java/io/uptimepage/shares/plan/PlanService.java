package io.uptimepage.shares.plan;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** Resolves the caps and expiry policy in force for an org. Called inside the mint transaction, under the org's lock. */
@ApplicationScoped
public class PlanService {

    public static final String DEFAULT_PLAN = "free";

    /** The plan named by the caller's token (unknown or missing → free) with the org's live override applied. */
    public Uni<Limits> limitsFor(String org, String planId) {
        return effective(org, planId).map(OrgLimits::limits);
    }

    /** The same, with where each value comes from (the internal limits endpoint). */
    public Uni<OrgLimits> effective(String org, String planId) {
        String wanted = planId == null || planId.isBlank() ? DEFAULT_PLAN : planId;
        return Plan.<Plan>findById(wanted)
                .flatMap(p -> p != null ? Uni.createFrom().item(p) : Plan.<Plan>findById(DEFAULT_PLAN))
                .flatMap(plan -> PlanOverride.<PlanOverride>findById(org).map(o -> OrgLimits.of(org, plan, live(o))));
    }

    private static PlanOverride live(PlanOverride o) {
        return o != null && (o.expiresAt == null || o.expiresAt.isAfter(OffsetDateTime.now())) ? o : null;
    }
}
