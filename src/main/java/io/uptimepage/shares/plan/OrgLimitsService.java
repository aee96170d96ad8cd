package io.uptimepage.shares.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Per-org overrides set by the product's admin tooling (DESIGN §7): validated, replaced whole, or removed. */
@ApplicationScoped
public class OrgLimitsService {

    /** An org identifier as operator JWTs carry it; anything else cannot have links here. */
    static final Pattern ORG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final Pattern PLAN_ID = Pattern.compile("[a-z0-9_-]{1,40}");
    static final int MAX_CAP = 100_000;
    /** A hundred years: beyond it a TTL is a typo, not a policy. */
    static final long MAX_TTL_SECONDS = 100L * 366 * 24 * 3600;
    static final int MAX_REASON_CODE_POINTS = 200;

    private final PlanService plans;

    public OrgLimitsService(PlanService plans) {
        this.plans = plans;
    }

    public Uni<OrgLimits> get(String org, String plan) {
        validate(org, plan);
        return Panache.withSession(() -> plans.effective(org, plan));
    }

    /** Replaces the org's override; 200 material: the effective limits under {@code plan}. */
    public Uni<OrgLimits> put(String org, String plan, OrgLimitsRequest request) {
        validate(org, plan);
        OrgLimitsRequest body = request == null ? new OrgLimitsRequest() : request;
        if (!body.unknownKeys.isEmpty()) {
            String key = body.unknownKeys.get(0);
            throw new ApiException(422, "INVALID_JSON", "unknown field `" + key + "`", key, null);
        }
        Integer perMonitor = cap(body.maxShareLinksPerMonitor, "max_share_links_per_monitor");
        Integer monitors = cap(body.maxSharedMonitors, "max_shared_monitors");
        Long defaultTtl = ttl(body.defaultShareTtl, "default_share_ttl");
        Long maxTtl = ttl(body.maxShareTtl, "max_share_ttl");
        if (defaultTtl != null && maxTtl != null && defaultTtl > maxTtl) {
            throw ApiException.badRequest("INVALID_LIMITS", "default_share_ttl must not exceed max_share_ttl", "default_share_ttl");
        }
        OffsetDateTime expiresAt = expiry(body.expiresAt);
        String reason = reason(body.reason);
        return Panache.withTransaction(() -> PlanOverride.<PlanOverride>findById(org).flatMap(found -> {
            PlanOverride o = found != null ? found : new PlanOverride();
            o.org = org;
            o.maxShareLinksPerMonitor = perMonitor;
            o.maxSharedMonitors = monitors;
            o.defaultShareTtl = defaultTtl;
            o.maxShareTtl = maxTtl;
            o.expiresAt = expiresAt;
            o.reason = reason;
            return (found != null ? Uni.createFrom().item(o) : o.<PlanOverride>persist())
                    .flatMap(saved -> plans.effective(org, plan));
        })).invoke(() -> Log.infof("plan override of org %s replaced", org));
    }

    /** Removes the org's override: back to the plan. */
    public Uni<OrgLimits> delete(String org, String plan) {
        validate(org, plan);
        return Panache.withTransaction(() -> PlanOverride.delete("org", org).flatMap(n -> plans.effective(org, plan)))
                .invoke(() -> Log.infof("plan override of org %s removed", org));
    }

    private static void validate(String org, String plan) {
        if (org == null || !ORG.matcher(org).matches()) {
            throw ApiException.badRequest("INVALID_QUERY", "org must be an org identifier", "org");
        }
        if (plan != null && !PLAN_ID.matcher(plan).matches()) {
            throw ApiException.badRequest("INVALID_QUERY", "plan must be a plan id", "plan");
        }
    }

    private static Integer cap(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        // canConvertToLong first: asLong() of a number beyond 64 bits wraps (2^64 + 3 would be taken as 3).
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > MAX_CAP) {
            throw ApiException.badRequest("INVALID_LIMITS", field + " must be an integer from 0 to " + MAX_CAP, field);
        }
        return v.asInt();
    }

    private static Long ttl(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1 || v.asLong() > MAX_TTL_SECONDS) {
            throw ApiException.badRequest("INVALID_LIMITS", field + " must be a number of seconds from 1 to "
                    + MAX_TTL_SECONDS, field);
        }
        return v.asLong();
    }

    private static OffsetDateTime expiry(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        OffsetDateTime t;
        try {
            t = v.isTextual() ? OffsetDateTime.parse(v.asText()) : null;
        } catch (DateTimeParseException e) {
            t = null;
        }
        if (t == null || t.getYear() > 9999 || !t.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw ApiException.badRequest("INVALID_EXPIRY", "expires_at must be a future RFC 3339 timestamp", "expires_at");
        }
        return t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static String reason(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.isTextual() ? v.asText().strip() : null;
        if (s == null || s.codePointCount(0, s.length()) > MAX_REASON_CODE_POINTS
                || s.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("INVALID_LIMITS", "reason must be text of at most 200 characters", "reason");
        }
        return s.isEmpty() ? null : s;
    }
}
