package io.uptimepage.shares.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.config.SharesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one way into the core. Every call carries the service bearer token and the org header, is bounded by a
 * timeout, retried on transient failure, and guarded by a circuit breaker so a dead core fails fast.
 *
 * <p>Outcomes: a value; {@code null} for a target the core says is gone (404 — unknown, deleted or foreign); or
 * {@link CoreUnavailableException} (or a fault-tolerance exception: timeout, open circuit) when the core cannot
 * answer. Another 4xx (the core rejected our request) is also reported as unavailable, since a viewer cannot fix it.
 * Retry sits inside the circuit breaker: one logical call counts once towards opening it.
 */
@ApplicationScoped
public class CoreClient {

    private final CoreApi api;
    private final String bearer;

    public CoreClient(@RestClient CoreApi api, SharesConfig config) {
        this.api = api;
        // the built-in demo core (demo mode) accepts only its own fixed token
        this.bearer = "Bearer " + (config.demoMode() ? "demo" : config.core().token().orElse(""));
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = CoreUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Uni<Target> target(String org, String targetId) {
        return guard(api.target(targetId, bearer, org));
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = CoreUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Uni<ResultsPage> results(String org, String targetId, Instant from, Instant to, int limit, int offset) {
        return guard(api.results(targetId, bearer, org, ts(from), ts(to), limit, offset));
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = CoreUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Uni<LatencySeries> latency(String org, String targetId, Instant from, Instant to) {
        return guard(api.latency(targetId, bearer, org, ts(from), ts(to)));
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = CoreUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Uni<UptimeStats> uptime(String org, String targetId, Instant from, Instant to) {
        return guard(api.uptime(targetId, bearer, org, ts(from), ts(to)));
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = CoreUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Uni<IncidentsPage> incidents(String org, String targetId, Instant from, Instant to, boolean ongoingOnly,
            int limit, int offset) {
        return guard(api.incidents(targetId, bearer, org, ts(from), ts(to), ongoingOnly ? Boolean.TRUE : null, limit,
                offset));
    }

    /** How many regions probe the target (charts say "· all regions" when more than one). */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = CoreUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Uni<Integer> regionCount(String org, String targetId) {
        return guard(api.regions(targetId, bearer, org)).map(CoreClient::count);
    }

    private static int count(JsonNode n) {
        if (n == null) {
            return 0;
        }
        if (n.isArray()) {
            return n.size();
        }
        for (String f : new String[] { "regions", "items" }) {
            if (n.path(f).isArray()) {
                return n.get(f).size();
            }
        }
        return 0;
    }

    /** 404 → null ("gone"); any other failure → {@link CoreUnavailableException}, without the URL or body. */
    private static <T> Uni<T> guard(Uni<T> call) {
        return call.onFailure().recoverWithUni(failure -> {
            if (failure instanceof WebApplicationException w) {
                int status = w.getResponse().getStatus();
                if (status == 404) {
                    return Uni.createFrom().nullItem();
                }
                return Uni.createFrom().failure(new CoreUnavailableException("core answered " + status));
            }
            return Uni.createFrom().failure(new CoreUnavailableException("core unreachable: " + failure.getClass().getSimpleName()));
        });
    }

    /** RFC 3339 with seconds, as the core expects ({@code 2026-11-27T10:00:00Z}). */
    static String ts(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

}
