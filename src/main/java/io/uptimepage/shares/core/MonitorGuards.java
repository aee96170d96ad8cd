package io.uptimepage.shares.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The fault tolerance of core calls, one {@link Guard} (retry, circuit breaker, timeout, bulkhead) per monitor, so a
 * monitor whose reads fail, or a link holder hammering one monitor, can only open that monitor's breaker and fill
 * that monitor's bulkhead (DESIGN §3 "Isolation").
 *
 * <p>Each monitor has two guards, one inside the other: admission (an overall timeout around a bulkhead of 10 calls
 * at once, 200 waiting) and, inside a slot, the attempts (retry → circuit breaker → timeout). Inside one guard SmallRye
 * Fault Tolerance always puts the timeout around the bulkhead, so with one guard the time a call waits for a slot
 * would count against its core timeout: a burst on one monitor (50 operators minting at once while the core is a
 * little slow) would time out in the queue, be retried into the queue again and open the monitor's breaker, with
 * no core failure at all. With the bulkhead outside, every ATTEMPT (retries included) that actually calls the core is
 * recorded by the breaker and has its own timeout, a call refused by the open breaker is not retried, and the
 * admission timeout bounds the whole wait (queue, attempts and retries) without being seen by the breaker. Only
 * transient failures (the core answered 5xx, could not be reached, or did not answer in time) are retried and
 * counted as breaker failures; a 4xx answer ({@link CoreRejectedException}) and "gone" (404, a {@code null} item)
 * are successes for the breaker.
 *
 * <p>The guards live in a bounded map (at most {@link #MAX_MONITORS}, idle ones dropped after
 * {@link #IDLE_FOR}): a dropped guard's next call starts with a closed breaker. No description is set on a guard,
 * so SmallRye records no per-guard metrics (they would carry a random id per monitor); the one metric is the gauge
 * {@code shares_core_breakers_open}, with no label.
 */
@ApplicationScoped
@Startup // registers its metric at start, before the first call
class MonitorGuards {

    static final int MAX_MONITORS = 10_000;
    static final Duration IDLE_FOR = Duration.ofMinutes(15);
    /** One attempt at the core, from the moment it has a slot. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    /** A whole call: waiting for a slot, every attempt and the delays between them. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<Uni<Object>>() {
    };

    /** Which monitor; the org is part of the key so a foreign org's probes never share a guard with the owner's. */
    private record Monitor(String org, String targetId) {
    }

    /** A monitor's two guards and the last state its breaker reported. */
    private static final class Guarded {
        /** Outside: a slot among the monitor's 10, and the bound on the whole call; no breaker sees its timeout. */
        final Guard admission;
        /** Inside a slot: each attempt at the core, retried and counted by the breaker. */
        final Guard attempts;
        volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;

        Guarded() {
            this.attempts = Guard.create()
                    .withRetry().maxRetries(2).delay(100, ChronoUnit.MILLIS).jitter(50, ChronoUnit.MILLIS)
                    .whenException(MonitorGuards::isTransient).done()
                    .withCircuitBreaker().requestVolumeThreshold(20).failureRatio(0.5).delay(5, ChronoUnit.SECONDS)
                    .successThreshold(2).when(MonitorGuards::isTransient).onStateChange(s -> state = s).done()
                    .withTimeout().duration(ATTEMPT_TIMEOUT.toMillis(), ChronoUnit.MILLIS).done()
                    .build();
            this.admission = Guard.create()
                    // the whole call, waiting included: three attempts that each time out fit (3 x 3 s + the delays)
                    .withTimeout().duration(CALL_TIMEOUT.toMillis(), ChronoUnit.MILLIS).done()
                    // 10 calls at once per monitor; a burst beyond that (50 operators minting on one monitor, the first
                    // viewers of a cold link) waits its turn instead of failing
                    .withBulkhead().limit(10).queueSize(200).done()
                    .build();
        }
    }

    private final Cache<Monitor, Guarded> guards =
            Caffeine.newBuilder().maximumSize(MAX_MONITORS).expireAfterAccess(IDLE_FOR).build();

    MonitorGuards(MeterRegistry metrics) {
        Gauge.builder("shares.core.breakers.open", this, MonitorGuards::openBreakers)
                .description("Monitors whose core circuit breaker is open (their reads fail fast)").register(metrics);
    }

    /** Runs {@code call} (subscribed lazily, once per attempt) under the monitor's guard. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    <T> Uni<T> call(String org, String targetId, Supplier<Uni<T>> call) {
        Guarded g = guards.get(new Monitor(org, targetId), k -> new Guarded());
        Supplier<Uni<Object>> attempts = () -> g.attempts.get((Supplier) call, UNI);
        return Uni.createFrom().deferred(() -> (Uni<T>) g.admission.get(attempts, UNI));
    }

    /** Monitors whose breaker is open right now. */
    long openBreakers() {
        return guards.asMap().values().stream().filter(g -> g.state == CircuitBreakerState.OPEN).count();
    }

    /** A failure worth retrying and counting: the core answered 5xx, was unreachable, or did not answer in time. */
    static boolean isTransient(Throwable t) {
        return t instanceof CoreUnavailableException || t instanceof TimeoutException;
    }
}
