package io.uptimepage.shares.share;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Caller;
import io.uptimepage.shares.crypto.KeyRing;
import io.uptimepage.shares.error.ApiException;
import io.uptimepage.shares.plan.PlanService;
import io.uptimepage.shares.stats.ViewStatsRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code PATCH …/shares/{shareId}}: label, expiry, pause and embed origins of a link that is not revoked. Each field is
 * validated by the same code as on mint ({@link Labels}, {@link Expiries},
 * {@link ExpiryPolicy}). Pausing keeps the token: resume brings the very same link back. Every change writes its
 * audit rows ({@code share.updated}, {@code share.paused}, {@code share.resumed}) in the same transaction.
 */
@ApplicationScoped
public class ShareEditService {

    private final ShareRepository shares;
    private final PlanService plans;
    private final KeyRing keys;
    private final ViewStatsRepository stats;
    private final ObjectMapper json;

    public ShareEditService(ShareRepository shares, PlanService plans, KeyRing keys, ViewStatsRepository stats,
            ObjectMapper json) {
        this.shares = shares;
        this.plans = plans;
        this.keys = keys;
        this.stats = stats;
        this.json = json;
    }

    /** What a PATCH asks, validated; a null field was absent (leave it alone). */
    private record Edit(boolean setLabel, String label, boolean setExpiry, OffsetDateTime expiresAt, Boolean paused,
            String embedOrigins) {
    }

    public Uni<ShareResponse> edit(Caller caller, String rawTargetId, String rawShareId, ShareEditRequest request,
            String baseUrl) {
        UUID targetId = ShareService.uuidOrNull(rawTargetId);
        UUID shareId = ShareService.uuidOrNull(rawShareId);
        OffsetDateTime now = ShareService.now();
        Edit edit;
        try {
            edit = parse(request, now);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        if (targetId == null || shareId == null) {
            return Uni.createFrom().failure(ApiException.shareNotFound());
        }
        return Panache.withTransaction(() -> shares.findRevocable(caller.org(), targetId, shareId)
                        .onItem().ifNull().failWith(ApiException::shareNotFound)
                        .flatMap(share -> apply(caller, share, edit, now)))
                .flatMap(share -> stats.uniqueViewers30d(List.of(share.id)).map(viewers -> ShareResponse.from(share,
                        keys.open(share.tokenSealed, share.id).orElse(null), baseUrl, now, viewers.getOrDefault(share.id, 0L))));
    }

    private static Edit parse(ShareEditRequest request, OffsetDateTime now) {
        ShareEditRequest body = request == null ? new ShareEditRequest() : request;
        if (!body.unknownKeys.isEmpty()) {
            String key = body.unknownKeys.get(0);
            throw new ApiException(422, "INVALID_JSON", "unknown field `" + key + "`", key, null);
        }
        Boolean paused = null;
        if (body.paused != null) {
            if (!body.paused.isBoolean()) {
                throw ApiException.badRequest("INVALID_JSON", "paused must be true or false", "paused");
            }
            paused = body.paused.booleanValue();
        }
        return new Edit(body.label != null, Labels.fromJson(body.label),
                body.expiresAt != null, Expiries.fromJson(body.expiresAt, now), paused,
                body.embedOrigins == null ? null : EmbedOrigins.parse(body.embedOrigins));
    }

    private Uni<Share> apply(Caller caller, Share share, Edit edit, OffsetDateTime now) {
        Uni<Void> policy = Uni.createFrom().voidItem();
        if (edit.setExpiry() && !Objects.equals(edit.expiresAt(), share.expiresAt)) {
            if ("expired".equals(share.state(now))) {
                // Reviving an expired link would take a cap slot without the mint's cap check: mint a new one instead.
                return Uni.createFrom().failure(ApiException.badRequest("INVALID_EXPIRY",
                        "an expired link cannot be extended; mint a new one", "expires_at"));
            }
            policy = plans.limitsFor(caller.org(), caller.plan())
                    .invoke(limits -> ExpiryPolicy.check(edit.expiresAt(), limits, now)).replaceWithVoid();
        }
        return policy.flatMap(v -> {
            ObjectNode changed = json.createObjectNode();
            if (edit.setLabel() && !Objects.equals(edit.label(), share.label)) {
                changed.put("label", true);
                share.label = edit.label();
            }
            if (edit.setExpiry() && !Objects.equals(edit.expiresAt(), share.expiresAt)) {
                // Instant's form always has the seconds; OffsetDateTime.toString() drops ":00" (15:11Z, not RFC 3339).
                changed.put("expires_at", edit.expiresAt() == null ? null : edit.expiresAt().toInstant().toString());
                share.expiresAt = edit.expiresAt();
            }
            if (edit.embedOrigins() != null && !edit.embedOrigins().equals(share.embedOrigins)) {
                changed.set("embed_origins", json.valueToTree(edit.embedOrigins().isEmpty() ? List.of()
                        : List.of(edit.embedOrigins().split(" "))));
                share.embedOrigins = edit.embedOrigins();
            }
            Uni<Void> audit = Uni.createFrom().voidItem();
            if (!changed.isEmpty()) {
                ShareAudit row = ShareAudit.of("share.updated", share, caller.userId(), null);
                row.details = changed.toString();
                audit = row.persist().replaceWithVoid();
            }
            if (edit.paused() != null && edit.paused() != share.paused) {
                share.paused = edit.paused();
                String action = share.paused ? "share.paused" : "share.resumed";
                audit = audit.flatMap(x -> ShareAudit.of(action, share, caller.userId(), null).persist().replaceWithVoid());
                Log.infof("share %s %s by %s", share.id, share.paused ? "paused" : "resumed", caller.userId());
            }
            return audit.replaceWith(share);
        });
    }
}
