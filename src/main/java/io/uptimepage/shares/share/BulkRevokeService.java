package io.uptimepage.shares.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Caller;
import io.uptimepage.shares.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/shares/revoke}: revokes every unrevoked link of the caller's org that one selector picks, in ONE
 * statement that also writes one {@code share.revoked} audit row per link (reason: the selector, e.g.
 * {@code created_by:user-7}; details: the operator's reason), so the count, the rows and the audit always agree.
 * Another org's monitor simply matches nothing: 0.
 */
@ApplicationScoped
public class BulkRevokeService {

    private static final String REVOKE = "with r as (update shares set revoked_at = now(), revoked_by = cast(?2 as text), "
            + "revoke_reason = 'bulk' where org = ?1 and revoked_at is null %s returning id, target_id) "
            + "insert into share_audit (org, action, actor, share_id, target_id, reason, details) "
            + "select ?1, 'share.revoked', cast(?2 as text), id, target_id, ?3, cast(?4 as text) from r";

    private record Selector(String where, Object value, String auditReason) {
    }

    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public BulkRevokeService(ObjectMapper json, MeterRegistry metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    /** How many links it actually revoked. */
    public Uni<Integer> revoke(Caller caller, BulkRevokeRequest request) {
        Selector selector;
        String details;
        try {
            BulkRevokeRequest body = request == null ? new BulkRevokeRequest() : request;
            if (!body.unknownKeys.isEmpty()) {
                String key = body.unknownKeys.get(0);
                throw new ApiException(422, "INVALID_JSON", "unknown field `" + key + "`", key, null);
            }
            selector = selector(body);
            String reason = reason(body.reason);
            details = reason == null ? null : json.createObjectNode().put("reason", reason).toString();
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(REVOKE.formatted(selector.where())).setParameter(1, caller.org())
                    .setParameter(2, caller.userId()).setParameter(3, selector.auditReason()).setParameter(4, details);
            if (selector.value() != null) {
                q.setParameter(5, selector.value());
            }
            return q.executeUpdate();
        })).invoke(n -> {
            metrics.counter("shares.revoked", "reason", "bulk").increment(n);
            Log.infof("bulk revoke (%s) by %s: %d link(s) revoked", selector.auditReason().startsWith("created_by:")
                    ? "created_by" : selector.auditReason(), caller.userId(), n);
        });
    }

    private static Selector selector(BulkRevokeRequest body) {
        List<Selector> chosen = new ArrayList<>();
        if (present(body.targetId)) {
            UUID id = body.targetId.isTextual() ? ShareService.uuidOrNull(body.targetId.asText()) : null;
            if (id == null) {
                throw invalid("target_id must be a uuid", "target_id");
            }
            chosen.add(new Selector("and target_id = ?5", id, "target_id:" + id));
        }
        if (present(body.createdBy)) {
            String user = body.createdBy.isTextual() ? body.createdBy.asText() : null;
            if (user == null || user.isBlank() || user.codePointCount(0, user.length()) > QueryParams.MAX_TEXT_CODE_POINTS
                    || user.codePoints().anyMatch(Character::isISOControl)) {
                throw invalid("created_by must be a user id", "created_by");
            }
            chosen.add(new Selector("and created_by = ?5", user, "created_by:" + user));
        }
        if (present(body.all)) {
            if (!body.all.isBoolean() || !body.all.booleanValue()) {
                throw invalid("all must be true (omit it otherwise)", "all");
            }
            chosen.add(new Selector("", null, "all"));
        }
        if (chosen.size() != 1) {
            throw invalid("give exactly one of target_id, created_by, all:true", null);
        }
        return chosen.get(0);
    }

    private static String reason(JsonNode v) {
        if (!present(v)) {
            return null;
        }
        String s = v.isTextual() ? v.asText().strip() : null;
        if (s == null || s.codePointCount(0, s.length()) > QueryParams.MAX_TEXT_CODE_POINTS
                || s.codePoints().anyMatch(Character::isISOControl)) {
            throw invalid("reason must be text of at most 200 characters", "reason");
        }
        return s.isEmpty() ? null : s;
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull();
    }

    private static ApiException invalid(String message, String field) {
        return ApiException.badRequest("INVALID_SELECTOR", message, field);
    }
}
