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
 * <p>Inside a guard SmallRye Fault Tolerance nests the strategies as retry → circuit breaker → timeout → bulkhead →
 * call: every ATTEMPT (retries included) is recorded by the breaker, each attempt has its own timeout, and a call
 * refused by the open breaker or the full bulkhead is not retried. Only transient failures (the core answered 5xx,
 * could not be reached, or timed out) are retried and counted as breaker failures; a 4xx answer
 * ({@link CoreRejectedException}) and "gone" (404, a {@code null} item) are successes for the breaker.
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
    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<Uni<Object>>() {
    };

    /** Which monitor; the org is part of the key so a foreign org's probes never share a guard with the owner's. */
    private record Monitor(String org, String targetId) {
    }

    /** A guard and the last state its breaker reported. */
    private static final class Guarded {
        final Guard guard;
        volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;

        Guarded() {
            this.guard = Guard.create()
                    .withRetry().maxRetries(2).delay(100, ChronoUnit.MILLIS).jitter(50, ChronoUnit.MILLIS)
                    .whenException(MonitorGuards::isTransient).done()
                    .withCircuitBreaker().requestVolumeThreshold(20).failureRatio(0.5).delay(5, ChronoUnit.SECONDS)
                    .successThreshold(2).when(MonitorGuards::isTransient).onStateChange(s -> state = s).done()
                    .withTimeout().duration(3, ChronoUnit.SECONDS).done()
                    // 10 calls at once per monitor; a burst beyond that (50 operators minting on one monitor, the first
                    // viewers of a cold link) waits its turn instead of failing: the timeout above bounds the wait
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
        Guard guard = guards.get(new Monitor(org, targetId), k -> new Guarded()).guard;
        return Uni.createFrom().deferred(() -> (Uni<T>) guard.get((Supplier) call, UNI));
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
