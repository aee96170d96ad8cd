package io.uptimepage.shares.share;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Caller;
import io.uptimepage.shares.crypto.KeyRing;
import io.uptimepage.shares.error.ApiException;
import io.uptimepage.shares.stats.ViewStatsRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v1/shares}: every link of the caller's org, newest first, keyset-paged on (created_at, id) so a page
 * boundary never moves under concurrent mints (a new link appears at the head, never between pages). Tokens are
 * opened only for {@code active} and {@code paused} links.
 */
@ApplicationScoped
public class ShareQueryService {

    static final Set<String> STATES = Set.of("active", "paused", "expired", "revoked");

    private static final String LIVE = "s.revokedAt is null and (s.expiresAt is null or s.expiresAt > current_timestamp)";
    private static final Map<String, String> STATE_WHERE = Map.of(
            "active", LIVE + " and s.paused = false",
            "paused", LIVE + " and s.paused = true",
            "expired", "s.revokedAt is null and s.expiresAt <= current_timestamp",
            "revoked", "s.revokedAt is not null");

    private final KeyRing keys;
    private final ViewStatsRepository stats;

    public ShareQueryService(KeyRing keys, ViewStatsRepository stats) {
        this.keys = keys;
        this.stats = stats;
    }

    public Uni<SharePage> list(Caller caller, String rawTargetId, String state, String rawCreatedBy, String rawLimit,
            String cursor, String baseUrl) {
        UUID targetId;
        String createdBy;
        int limit;
        PageCursor.ShareKey after;
        try {
            targetId = QueryParams.uuid(rawTargetId, "target_id");
            createdBy = QueryParams.text(rawCreatedBy, "created_by");
            if (state != null && !STATES.contains(state)) {
                throw ApiException.badRequest("INVALID_QUERY", "state must be one of active, paused, expired, revoked", "state");
            }
            limit = PageCursor.limit(rawLimit);
            after = cursor == null ? null : PageCursor.share(cursor);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        StringBuilder hql = new StringBuilder("from Share s where s.org = :org");
        if (targetId != null) {
            hql.append(" and s.targetId = :target");
        }
        if (createdBy != null) {
            hql.append(" and s.createdBy = :createdBy");
        }
        if (state != null) {
            hql.append(" and ").append(STATE_WHERE.get(state));
        }
        if (after != null) {
            hql.append(" and (s.createdAt < :at or (s.createdAt = :at and s.id < :id))");
        }
        hql.append(" order by s.createdAt desc, s.id desc");
        OffsetDateTime now = ShareService.now();
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> {
            var q = session.createSelectionQuery(hql.toString(), Share.class).setParameter("org", caller.org());
            if (targetId != null) {
                q.setParameter("target", targetId);
            }
            if (createdBy != null) {
                q.setParameter("createdBy", createdBy);
            }
            if (after != null) {
                q.setParameter("at", after.createdAt()).setParameter("id", after.id());
            }
            return q.setMaxResults(limit + 1).getResultList();
        })).flatMap(rows -> {
            List<Share> page = rows.size() > limit ? rows.subList(0, limit) : rows;
            String next = rows.size() > limit ? PageCursor.ofShare(page.get(page.size() - 1)) : null;
            return stats.uniqueViewers30d(page.stream().map(s -> s.id).toList()).map(viewers -> {
                List<ShareResponse> items = new ArrayList<>(page.size());
                for (Share s : page) {
                    String st = s.state(now);
                    String token = st.equals("active") || st.equals("paused") ? keys.open(s.tokenSealed, s.id).orElse(null) : null;
                    items.add(ShareResponse.from(s, token, baseUrl, now, viewers.getOrDefault(s.id, 0L)));
                }
                return new SharePage(items, next);
            });
        });
    }
}
