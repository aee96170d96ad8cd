package io.uptimepage.shares.plan;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** Resolves the caps in force for an org. Called inside the mint transaction, under the org's lock. */
@ApplicationScoped
public class PlanService {

    public static final String DEFAULT_PLAN = "free";

    /** The plan named by the caller's token (unknown or missing → free) with the org's live override applied. */
    public Uni<Limits> limitsFor(String org, String planId) {
        String wanted = planId == null || planId.isBlank() ? DEFAULT_PLAN : planId;
        return Plan.<Plan>findById(wanted)
                .flatMap(p -> p != null ? Uni.createFrom().item(p) : Plan.<Plan>findById(DEFAULT_PLAN))
                .flatMap(plan -> PlanOverride.<PlanOverride>findById(org).map(o -> apply(plan, o)));
    }

    private static Limits apply(Plan plan, PlanOverride o) {
        boolean live = o != null && (o.expiresAt == null || o.expiresAt.isAfter(OffsetDateTime.now()));
        int perMonitor = live && o.maxShareLinksPerMonitor != null ? o.maxShareLinksPerMonitor : plan.maxShareLinksPerMonitor;
        int monitors = live && o.maxSharedMonitors != null ? o.maxSharedMonitors : plan.maxSharedMonitors;
        return new Limits(plan.id, perMonitor, monitors);
    }
}
