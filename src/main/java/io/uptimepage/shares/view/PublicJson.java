package io.uptimepage.shares.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.core.CheckResult;
import io.uptimepage.shares.core.CoreClient;
import io.uptimepage.shares.core.CoreUnavailableException;
import io.uptimepage.shares.core.LatencySeries;
import io.uptimepage.shares.error.PublicFailure;
import io.uptimepage.shares.view.CoreReads.LiveWindow;
import io.uptimepage.shares.view.PublicData.Fetched;
import io.uptimepage.shares.view.PublicData.State;
import io.uptimepage.shares.view.ShareResolver.Resolved;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.uptimepage.shares.view.ViewModels.utc;

/**
 * The JSON twins of the page ({@code /latency}, {@code /results}): the window the page itself shows comes from the
 * shared cache layer ({@link PublicData}, stale while the core cannot answer); any other window is read through,
 * drawn from the link's {@link TwinBudget}, clamped (DESIGN §3).
 */
@ApplicationScoped
public class PublicJson {

    /** The JSON results twin: default page size (the page's own), and its cap (DESIGN §3). */
    public static final int RESULTS_DEFAULT_LIMIT = CoreReads.RESULTS_ON_PAGE;
    public static final int RESULTS_MAX_LIMIT = 1000;
    /** {@code Retry-After} of a 503 when the core cannot answer and nothing is remembered: about one breaker delay. */
    static final long RETRY_AFTER_SECONDS = 5;

    /**
     * {@code /m/{token}/results}: never org or target ids, {@code served_stale:} stripped. {@code stale} and
     * {@code as_of} appear only on remembered data served while the core cannot answer (like the live region's
     * "stale" notice): {@code as_of} is when the core gave it.
     */
    public record PublicResults(List<PublicResult> items, @JsonProperty("has_more") boolean hasMore,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean stale,
            @JsonProperty("as_of") @JsonInclude(JsonInclude.Include.NON_NULL) OffsetDateTime asOf) {

        PublicResults(List<PublicResult> items, boolean hasMore) {
            this(items, hasMore, null, null);
        }
    }

    public record PublicResult(
            OffsetDateTime timestamp,
            String status,
            @JsonProperty("duration_ms") Long durationMs,
            @JsonProperty("response_code") @JsonInclude(JsonInclude.Include.NON_NULL) Integer responseCode,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

        static PublicResult of(CheckResult r) {
            return new PublicResult(utc(r.timestamp()), r.status(), r.durationMs(), r.responseCode(),
                    ViewFormat.error(r.error()));
        }
    }

    private final ShareResolver resolver;
    private final PublicData data;
    private final CoreClient core;
    private final TwinBudget budget;

    public PublicJson(ShareResolver resolver, PublicData data, CoreClient core, TwinBudget budget) {
        this.resolver = resolver;
        this.data = data;
        this.core = core;
        this.budget = budget;
    }

    /**
     * {@code GET /m/{token}/latency}: by preset {@code range} (what the page asks: shared cache, stale fallback) or by
     * explicit {@code from}/{@code to} (read through, clamped to 90 days, drawn from the link's {@link TwinBudget}).
     * Core down with nothing remembered → 503 with {@code Retry-After}.
     */
    public Uni<LatencySeries> latency(String token, String rangeKey, String from, String to) {
        return resolver.resolve(token).map(Resolved::share).flatMap(share -> {
            if (from == null && to == null) {
                return data.latency(share, TimeWindow.monitorRange(rangeKey)).flatMap(f -> f.available()
                        ? Uni.createFrom().item(f.value())
                        : Uni.createFrom().failure(new CoreUnavailableException("latency unavailable")));
            }
            TimeWindow w = TimeWindow.parse(from, to, Duration.ofHours(24), Instant.now());
            budget.take(share.id());
            return core.latency(share.org(), share.targetId(), w.from(), w.to())
                    .map(s -> s == null ? new LatencySeries(60, List.of()) : s);
        });
    }

    /**
     * {@code GET /m/{token}/results}, limit default 60 and at most 1000. Without {@code from}/{@code to} (the window
     * the page itself shows: a preset {@code range}, default 24h) and within the page's 60 newest results, it is
     * served from the live region's shared data, and while the core cannot answer from its last good data marked
     * {@code stale}. Any other window or page is read through, drawn from the link's {@link TwinBudget}; the core
     * down → 503 with {@code Retry-After}.
     */
    public Uni<PublicResults> results(String token, String rangeKey, String from, String to, String limit,
            String offset) {
        return resolver.resolve(token).map(Resolved::share).flatMap(share -> {
            int n = Math.min(Math.max(integer(limit, RESULTS_DEFAULT_LIMIT, "limit"), 1), RESULTS_MAX_LIMIT);
            int skip = Math.max(integer(offset, 0, "offset"), 0);
            if (blank(from) && blank(to) && n <= CoreReads.RESULTS_ON_PAGE && skip == 0) {
                return data.live(share, TimeWindow.monitorRange(rangeKey)).map(f -> pageResults(f, n));
            }
            TimeWindow w = TimeWindow.parse(from, to, TimeWindow.monitorRange(rangeKey).span(), Instant.now());
            budget.take(share.id());
            return core.results(share.org(), share.targetId(), w.from(), w.to(), n, skip)
                    .map(page -> page == null || page.items() == null ? new PublicResults(List.of(), false)
                            : new PublicResults(page.items().stream().map(PublicResult::of).toList(), page.hasMore()));
        });
    }

    /** The newest {@code n} results of the live window; remembered data is marked stale; none at all → 503. */
    private static PublicResults pageResults(Fetched<LiveWindow> f, int n) {
        if (!f.available()) {
            throw PublicFailure.unavailable(RETRY_AFTER_SECONDS);
        }
        List<CheckResult> all = f.value().results();
        List<PublicResult> items = all.stream().limit(n).map(PublicResult::of).toList();
        boolean more = all.size() > n || f.value().moreResults();
        return f.state() == State.STALE ? new PublicResults(items, more, true, utc(f.at().atOffset(ZoneOffset.UTC)))
                : new PublicResults(items, more);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int integer(String value, int fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw PublicFailure.badRequest("'" + name + "' must be an integer");
        }
    }
}
