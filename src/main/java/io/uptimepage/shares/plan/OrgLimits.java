package io.uptimepage.shares.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An org's effective limits and where each value comes from ({@code plan} or {@code override}): the body of
 * {@code GET/PUT /internal/v1/orgs/{org}/limits}.
 */
@Schema(name = "OrgLimits", requiredProperties = { "org", "plan", "max_share_links_per_monitor", "max_shared_monitors",
        "default_share_ttl", "max_share_ttl", "sources", "override_expires_at", "override_reason" },
        additionalProperties = Schema.False.class)
public record OrgLimits(
        String org,
        String plan,
        @JsonProperty("max_share_links_per_monitor") @Schema(minimum = "0") int maxShareLinksPerMonitor,
        @JsonProperty("max_shared_monitors") @Schema(minimum = "0") int maxSharedMonitors,
        @JsonProperty("default_share_ttl") @Schema(nullable = true, minimum = "1",
                description = "seconds; null: a plain mint has no expiry") Long defaultShareTtl,
        @JsonProperty("max_share_ttl") @Schema(nullable = true, minimum = "1",
                description = "seconds; null: no maximum") Long maxShareTtl,
        @Schema(description = "per limit, where its value comes from: `plan` or `override`") Map<String, String> sources,
        @JsonProperty("override_expires_at") @Schema(nullable = true) OffsetDateTime overrideExpiresAt,
        @JsonProperty("override_reason") @Schema(nullable = true) String overrideReason) {

    static final String PLAN = "plan";
    static final String OVERRIDE = "override";

    /** The caps in force. A max without a default makes the max the default: a plain mint is never refused. */
    @JsonIgnore
    public Limits limits() {
        Long defaultTtl = defaultShareTtl != null ? defaultShareTtl : maxShareTtl;
        return new Limits(plan, maxShareLinksPerMonitor, maxSharedMonitors, defaultTtl, maxShareTtl);
    }

    /** {@code plan} with the non-null columns of a live override {@code o} (or none) applied. */
    static OrgLimits of(String org, Plan plan, PlanOverride o) {
        Map<String, String> sources = new LinkedHashMap<>();
        int perMonitor = pick(sources, "max_share_links_per_monitor", plan.maxShareLinksPerMonitor,
                o == null ? null : o.maxShareLinksPerMonitor);
        int monitors = pick(sources, "max_shared_monitors", plan.maxSharedMonitors, o == null ? null : o.maxSharedMonitors);
        Long defaultTtl = pick(sources, "default_share_ttl", plan.defaultShareTtl, o == null ? null : o.defaultShareTtl);
        Long maxTtl = pick(sources, "max_share_ttl", plan.maxShareTtl, o == null ? null : o.maxShareTtl);
        if (defaultTtl != null && maxTtl != null && defaultTtl > maxTtl) {
            // An override's max below the plan's default (or the reverse): the max wins, or every plain mint is refused.
            defaultTtl = maxTtl;
            sources.put("default_share_ttl", sources.get("max_share_ttl"));
        }
        return new OrgLimits(org, plan.id, perMonitor, monitors, defaultTtl, maxTtl, sources,
                o == null || o.expiresAt == null ? null : o.expiresAt.withOffsetSameInstant(ZoneOffset.UTC),
                o == null ? null : o.reason);
    }

    private static <T> T pick(Map<String, String> sources, String name, T fromPlan, T fromOverride) {
        sources.put(name, fromOverride != null ? OVERRIDE : PLAN);
        return fromOverride != null ? fromOverride : fromPlan;
    }
}
