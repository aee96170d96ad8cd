package io.uptimepage.shares.share;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Caller;
import io.uptimepage.shares.error.ApiException;
import io.uptimepage.shares.stats.DailySalt;
import io.uptimepage.shares.stats.ViewStatsRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A link's per-day activity for the operator's sparkline: UTC dates, the last {@code days} (1–90, default 30) up to
 * today, zero-filled. Counts written by the view counter's flushes (so up to one flush interval behind). Any state of
 * the link (a revoked link keeps its history); another org's or monitor's link → 404 {@code SHARE_NOT_FOUND}.
 */
@ApplicationScoped
public class ShareStatsService {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 90;

    private final ShareRepository shares;
    private final ViewStatsRepository stats;

    public ShareStatsService(ShareRepository shares, ViewStatsRepository stats) {
        this.shares = shares;
        this.stats = stats;
    }

    public Uni<ShareStats> stats(Caller caller, String rawTargetId, String rawShareId, String rawDays) {
        int days;
        try {
            days = days(rawDays);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        UUID targetId = ShareService.uuidOrNull(rawTargetId);
        UUID shareId = ShareService.uuidOrNull(rawShareId);
        if (targetId == null || shareId == null) {
            return Uni.createFrom().failure(ApiException.shareNotFound());
        }
        LocalDate today = DailySalt.today();
        return Panache.withSession(() -> shares.findOnTarget(caller.org(), targetId, shareId))
                .onItem().ifNull().failWith(ApiException::shareNotFound)
                .flatMap(share -> stats.days(share.id, today.minusDays(days - 1L), today))
                .map(list -> new ShareStats(list.stream().map(ShareStats.Day::of).toList()));
    }

    private static int days(String raw) {
        if (raw == null) {
            return DEFAULT_DAYS;
        }
        // Digits only: Integer.parseInt would also take "+5" and non-ASCII digits ("٥").
        if (raw.matches("[0-9]{1,2}")) {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= MAX_DAYS) {
                return n;
            }
        }
        throw ApiException.badRequest("INVALID_QUERY", "days must be an integer from 1 to " + MAX_DAYS, "days");
    }
}
