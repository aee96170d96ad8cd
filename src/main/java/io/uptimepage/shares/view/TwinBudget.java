package io.uptimepage.shares.view;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.uptimepage.shares.error.PublicFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The per-link budget of core-reaching public reads (DESIGN §3 "Bounded cost per link"): the JSON twins asked for an
 * explicit {@code from}/{@code to} miss the shared cache, so each one draws from a token bucket of its share
 * ({@code shares.view.twin-budget.*}: {@code burst} reads at once, refilled at {@code per-minute}). Over budget the read
 * is refused with 429 and {@code Retry-After} BEFORE the core is called; the page, the live region and the range
 * reads never draw from it, and every link has its own bucket.
 *
 * <p>Buckets are keyed by share id (never the token) in a bounded map: at most {@link #MAX_LINKS} links, a bucket
 * idle long enough to have refilled is dropped (it would be full again anyway). The budget is per replica. Refusals
 * are counted in {@code shares_public_budget_rejected_total}, without a label.
 */
@ApplicationScoped
@Startup // registers its metric at start, before the first call
public class TwinBudget {

    static final int MAX_LINKS = 100_000;

    private final double burst;
    private final double perNano;
    private final Cache<UUID, Bucket> buckets;
    private final Counter rejected;
    private final LongSupplier clock;

    @Inject
    public TwinBudget(ViewConfig config, MeterRegistry metrics) {
        this(config.twinBudget().burst(), config.twinBudget().perMinute(), metrics, System::nanoTime);
    }

    TwinBudget(int burst, int perMinute, MeterRegistry metrics, LongSupplier clock) {
        if (burst < 1 || perMinute < 1) {
            throw new IllegalArgumentException("shares.view.twin-budget.burst and .per-minute must be at least 1");
        }
        this.burst = burst;
        this.perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
        this.clock = clock;
        Duration refill = Duration.ofNanos((long) Math.ceil(burst / perNano));
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_LINKS).expireAfterAccess(refill.plusMinutes(1)).build();
        this.rejected = Counter.builder("shares.public.budget.rejected")
                .description("Public JSON reads refused because their link was over its core-read budget").register(metrics);
    }

    /** Takes one read from the share's budget, or throws the 429 (with Retry-After) when there is none left. */
    public void take(UUID shareId) {
        long wait = buckets.get(shareId, id -> new Bucket(burst, clock.getAsLong())).take(clock.getAsLong());
        if (wait > 0) {
            rejected.increment();
            throw PublicFailure.tooManyRequests(Math.max(1, (long) Math.ceil(wait / 1e9)));
        }
    }

    /** A token bucket; {@link #take} answers 0 when a read was taken, else the nanoseconds until one is available. */
    private final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - at) * perNano);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
