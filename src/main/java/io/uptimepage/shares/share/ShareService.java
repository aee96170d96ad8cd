package io.uptimepage.shares.share;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Caller;
import io.uptimepage.shares.core.CoreClient;
import io.uptimepage.shares.core.Target;
import io.uptimepage.shares.crypto.KeyRing;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.error.ApiException;
import io.uptimepage.shares.plan.Limits;
import io.uptimepage.shares.plan.PlanService;
import io.uptimepage.shares.stats.ViewStatsRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules of share links: validation, the core's word on the target, plan caps under a per-org lock, sealing the
 * token for re-copy, soft revocation, and the audit rows written in the same transaction as each change.
 */
@ApplicationScoped
public class ShareService {

    private final ShareRepository shares;
    private final PlanService plans;
    private final CoreClient core;
    private final KeyRing keys;
    private final MeterRegistry metrics;
    private final ViewStatsRepository stats;

    public ShareService(ShareRepository shares, PlanService plans, CoreClient core, KeyRing keys, MeterRegistry metrics,
            ViewStatsRepository stats) {
        this.shares = shares;
        this.stats = stats;
        this.plans = plans;
        this.core = core;
        this.keys = keys;
        this.metrics = metrics;
    }

    /** Mints a link: 201 material. The target is checked with the core before any database work. */
    public Uni<ShareResponse> mint(Caller caller, String rawTargetId, NewShareRequest request, String baseUrl) {
        NewShareRequest body = request == null ? new NewShareRequest() : request;
        if (!body.unknownKeys.isEmpty()) {
            String key = body.unknownKeys.get(0);
            return Uni.createFrom().failure(new ApiException(422, "INVALID_JSON", "unknown field `" + key + "`", key, null));
        }
        OffsetDateTime now = now();
        OffsetDateTime expiresAt;
        String label;
        UUID targetId;
        try {
            expiresAt = Expiries.fromJson(body.expiresAt, now);
            label = Labels.fromJson(body.label);
            targetId = parseTargetId(rawTargetId);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        return mintableTarget(caller, targetId)
                .flatMap(target -> insertWithinCaps(caller, targetId, label, expiresAt, now))
                .map(created -> ShareResponse.from(created.share(), created.token(), baseUrl, now))
                .invoke(() -> metrics.counter("shares.minted").increment())
                .onFailure(ApiException.class).invoke(e -> metrics.counter("shares.mint.rejected",
                        "code", ((ApiException) e).code()).increment());
    }

    private record Created(Share share, String token) {
    }

    private Uni<Created> insertWithinCaps(Caller caller, UUID targetId, String label, OffsetDateTime requestedExpiry,
            OffsetDateTime now) {
        // The limits are read before the lock (limitsFor opens its own short session): every statement under the lock
        // lengthens the queue of this org's mints. Under it: one statement counts, checks the caps and inserts the row
        // and its audit row.
        return plans.limitsFor(caller.org(), caller.plan())
                .flatMap(limits -> {
                    Created c = newShare(caller.org(), targetId, label, caller.userId(), now,
                            ExpiryPolicy.forMint(requestedExpiry, limits, now));
                    return shares.insertWithinCaps(c.share(), limits.maxShareLinksPerMonitor(), limits.maxSharedMonitors())
                            .flatMap(outcome -> outcome.inserted() ? Uni.createFrom().item(c)
                                    : Uni.createFrom().failure(quotaFor(outcome, limits)));
                })
                .invoke(created -> Log.infof("share %s minted on target %s by %s", created.share().id, targetId,
                        caller.userId()));
    }

    /** A new link (not yet stored) and its token. */
    private Created newShare(String org, UUID targetId, String label, String actor, OffsetDateTime now,
            OffsetDateTime expiresAt) {
        String token = Tokens.generate();
        Share s = Share.newLink(token, keys, org, targetId, label, actor, now);
        s.expiresAt = expiresAt;
        return new Created(s, token);
    }

    /** {@link #ensureSeeded}'s answer: the link, its token (to print or open), and whether it was created now. */
    public record SeededLink(UUID id, String token, boolean created) {
    }

    /**
     * A link the service seeds for itself, not an operator's mint: the newest live link of the monitor whose token can
     * still be opened, else a new one without expiry (the row and audit entry {@link #mint} writes, actor
     * {@code createdBy}). No core call and no plan caps: meant for demo mode's welcome link, whose monitors are fixed
     * and whose demo core may not be listening yet at start-up. Under the org's lock, so two instances starting
     * together still end up with one link; the same link comes back on every later call (and restart).
     */
    public Uni<SeededLink> ensureSeeded(String org, UUID targetId, String label, String createdBy) {
        return Panache.withTransaction(() -> shares.lockOrg(org)
                .flatMap(locked -> shares.listForTarget(org, targetId, false))
                .flatMap(live -> {
                    for (Share s : live) {
                        Optional<String> token = keys.open(s.tokenSealed, s.id);
                        if (token.isPresent()) {
                            return Uni.createFrom().item(new SeededLink(s.id, token.get(), false));
                        }
                    }
                    Created c = newShare(org, targetId, label, createdBy, now(), null);
                    return shares.persistCreated(c.share())
                            .invoke(() -> Log.infof("share %s seeded on target %s", c.share().id, targetId))
                            .replaceWith(new SeededLink(c.share().id, c.token(), true));
                }));
    }

    /** Per-monitor cap first; the shared-monitors cap only when this monitor had no live link yet (DESIGN §7). */
    private static ApiException quotaFor(ShareRepository.MintOutcome outcome, Limits limits) {
        return outcome.onTarget() >= limits.maxShareLinksPerMonitor()
                ? quota("max_share_links_per_monitor", outcome.onTarget(), limits.maxShareLinksPerMonitor(), limits.plan())
                : quota("max_shared_monitors", outcome.sharedMonitors(), limits.maxSharedMonitors(), limits.plan());
    }

    private static ApiException quota(String quota, long current, int limit, String plan) {
        return new ApiException(422, "QUOTA_EXCEEDED",
                quota + " limit reached: " + current + " of " + limit + " used on the " + plan + " plan.", null,
                Map.of("quota", quota, "current", current, "limit", limit, "plan", plan));
    }

    /** The monitor's links (live ones, or all with {@code includeAll}), each with its token for re-copy. */
    public Uni<List<ShareResponse>> list(Caller caller, String rawTargetId, boolean includeAll, String baseUrl) {
        UUID targetId;
        try {
            targetId = parseTargetId(rawTargetId);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        OffsetDateTime now = now();
        return core.target(caller.org(), targetId.toString())
                .flatMap(target -> target == null ? Uni.createFrom().failure(ApiException.targetNotFound())
                        : Panache.withSession(() -> shares.listForTarget(caller.org(), targetId, includeAll)))
                .flatMap(rows -> stats.uniqueViewers30d(rows.stream().map(s -> s.id).toList()).map(viewers -> rows.stream()
                        .map(s -> ShareResponse.from(s, keys.open(s.tokenSealed, s.id).orElse(null), baseUrl, now,
                                viewers.getOrDefault(s.id, 0L)))
                        .toList()));
    }

    /** Soft-revokes one link now. Missing, already revoked, other monitor or other org → 404 SHARE_NOT_FOUND. */
    public Uni<Void> revoke(Caller caller, String rawTargetId, String rawShareId) {
        UUID targetId = uuidOrNull(rawTargetId);
        UUID shareId = uuidOrNull(rawShareId);
        if (targetId == null || shareId == null) {
            return Uni.createFrom().failure(ApiException.shareNotFound());
        }
        return Panache.withTransaction(() -> shares.findRevocable(caller.org(), targetId, shareId)
                .onItem().ifNull().failWith(ApiException::shareNotFound)
                .flatMap(s -> markRevoked(s, caller.userId(), "revoked")))
                .invoke(() -> Log.infof("share %s revoked by %s", shareId, caller.userId()));
    }

    /** Revokes every link of a monitor the core deleted (or reported gone). Returns how many were revoked. */
    public Uni<Integer> revokeForDeletedTarget(UUID targetId) {
        return Panache.withTransaction(() -> shares.listUnrevokedForTarget(targetId)
                .flatMap(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Share s : rows) {
                        chain = chain.flatMap(v -> markRevoked(s, null, "target_deleted"));
                    }
                    return chain.replaceWith(rows.size());
                }))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("target %s deleted: %d share link(s) revoked", targetId, n);
                    }
                });
    }

    private Uni<Void> markRevoked(Share s, String actor, String reason) {
        metrics.counter("shares.revoked", "reason", reason).increment();
        s.revokedAt = now();
        s.revokedBy = actor;
        s.revokeReason = reason;
        return ShareAudit.of("share.revoked", s, actor, reason).persist().replaceWithVoid();
    }

    /** Found, visible to this org, and not on plan hold — or TARGET_NOT_FOUND. Core down → CORE_UNAVAILABLE. */
    private Uni<Target> mintableTarget(Caller caller, UUID targetId) {
        return core.target(caller.org(), targetId.toString())
                .flatMap(t -> t == null || t.held() ? Uni.createFrom().failure(ApiException.targetNotFound())
                        : Uni.createFrom().item(t));
    }

    private static UUID parseTargetId(String raw) {
        UUID id = uuidOrNull(raw);
        if (id == null) {
            throw ApiException.targetNotFound();
        }
        return id;
    }

    static UUID uuidOrNull(String raw) {
        try {
            return raw == null || raw.length() != 36 ? null : UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
