package io.uptimepage.shares.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The one way into the core. Every call carries the service bearer token and the org header and runs under the
 * monitor's own guard ({@link MonitorGuards}: retry on transient failure, circuit breaker, timeout, bulkhead), so a
 * failing monitor or an abusive link holder cannot open a breaker or fill a bulkhead that other monitors use.
 *
 * <p>Outcomes: a value; {@code null} for a target the core says is gone (404 — unknown, deleted or foreign);
 * {@link CoreRejectedException} for any other 4xx (an answer: never retried, never counted by the breaker); or
 * {@link CoreUnavailableException} (or a fault-tolerance exception: timeout, open circuit, full bulkhead) when the
 * core cannot answer.
 */
@ApplicationScoped
public class CoreClient {

    private final CoreApi api;
    private final MonitorGuards guards;
    private final String bearer;

    CoreClient(@RestClient CoreApi api, MonitorGuards guards, CoreConfig config) {
        this.api = api;
        this.guards = guards;
        // the built-in demo core (demo mode) accepts only its own fixed token
        this.bearer = "Bearer " + (config.demoMode() ? "demo" : config.token().orElse(""));
    }

    public Uni<Target> target(String org, String targetId) {
        return guarded(org, targetId, () -> api.target(targetId, bearer, org));
    }

    public Uni<ResultsPage> results(String org, String targetId, Instant from, Instant to, int limit, int offset) {
        return guarded(org, targetId, () -> api.results(targetId, bearer, org, ts(from), ts(to), limit, offset));
    }

    public Uni<LatencySeries> latency(String org, String targetId, Instant from, Instant to) {
        return guarded(org, targetId, () -> api.latency(targetId, bearer, org, ts(from), ts(to)));
    }

    public Uni<UptimeStats> uptime(String org, String targetId, Instant from, Instant to) {
        return guarded(org, targetId, () -> api.uptime(targetId, bearer, org, ts(from), ts(to)));
    }

    public Uni<IncidentsPage> incidents(String org, String targetId, Instant from, Instant to, boolean ongoingOnly,
            int limit, int offset) {
        return guarded(org, targetId, () -> api.incidents(targetId, bearer, org, ts(from), ts(to),
                ongoingOnly ? Boolean.TRUE : null, limit, offset));
    }

    /** How many regions probe the target (charts say "· all regions" when more than one). */
    public Uni<Integer> regionCount(String org, String targetId) {
        return guarded(org, targetId, () -> api.regions(targetId, bearer, org)).map(CoreClient::count);
    }

    private <T> Uni<T> guarded(String org, String targetId, Supplier<Uni<T>> call) {
        return guards.call(org, targetId, () -> classify(call.get()));
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

    /**
     * 404 → null ("gone"); another 4xx → {@link CoreRejectedException}; a 5xx or no answer at all →
     * {@link CoreUnavailableException}. Neither carries the URL or the body.
     */
    private static <T> Uni<T> classify(Uni<T> call) {
        return call.onFailure().recoverWithUni(failure -> {
            if (failure instanceof WebApplicationException w) {
                int status = w.getResponse().getStatus();
                if (status == 404) {
                    return Uni.createFrom().nullItem();
                }
                if (status >= 400 && status < 500) {
                    return Uni.createFrom().failure(new CoreRejectedException(status));
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
