package io.uptimepage.shares.share;

import io.uptimepage.shares.error.ApiException;
import io.uptimepage.shares.plan.Limits;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The plan's expiry policy (DESIGN §7), applied on mint and on PATCH alike: a link without an expiry gets
 * now + {@code default_share_ttl}; one that would live beyond now + {@code max_share_ttl} (including "no expiry")
 * is 400 {@code INVALID_EXPIRY} with {@code field:"expires_at"} and {@code details.max_ttl_seconds}.
 */
final class ExpiryPolicy {

    private ExpiryPolicy() {
    }

    /** The expiry a mint stores: the caller's (already validated) one, or the plan's default. */
    static OffsetDateTime forMint(OffsetDateTime requested, Limits limits, OffsetDateTime now) {
        OffsetDateTime expiresAt = requested == null && limits.defaultShareTtl() != null
                ? after(now, limits.defaultShareTtl()) : requested;
        check(expiresAt, limits, now);
        return expiresAt;
    }

    /** Refuses an expiry (null = none) beyond the plan's max. */
    static void check(OffsetDateTime expiresAt, Limits limits, OffsetDateTime now) {
        Long max = limits.maxShareTtl();
        if (max != null && (expiresAt == null || expiresAt.isAfter(after(now, max)))) {
            throw new ApiException(400, "INVALID_EXPIRY", "expires_at must be at most " + max
                    + " seconds from now on the " + limits.plan() + " plan", "expires_at", Map.of("max_ttl_seconds", max));
        }
    }

    /**
     * {@code now} + {@code seconds}, at most {@link Expiries#MAX}: a TTL in the plans table is a bigint, and beyond
     * year 9999 {@code plusSeconds} throws (a 500) and no stored expiry could be echoed as RFC 3339 anyway.
     */
    private static OffsetDateTime after(OffsetDateTime now, long seconds) {
        long room = Expiries.MAX.toEpochSecond() - now.toEpochSecond();
        return seconds >= room ? Expiries.MAX : now.plusSeconds(seconds);
    }
}
